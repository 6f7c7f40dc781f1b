package dev.orchestrator.control;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A lifecycle event the {@code events} op streams. Process events name one instance; {@link Reload} reports an
 * applied reload plan. Wire names: {@code started, ready, exited, restarting, errored, stopped, reload}.
 */
public sealed interface EventRecord {

    Instant at();

    /** The name on the wire ({@code "event": "exited"}). */
    String kind();

    /** A process of the app started. */
    record Started(Instant at, String name, int instance, long pid) implements EventRecord {
        public Started {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String kind() {
            return "started";
        }
    }

    /** A process passed its {@code ready:} probe. */
    record Ready(Instant at, String name, int instance, long pid) implements EventRecord {
        public Ready {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String kind() {
            return "ready";
        }
    }

    /** A process ended: {@code code} when it exited, {@code signal} when a signal ended it (the other is null). */
    record Exited(Instant at, String name, int instance, Integer code, String signal) implements EventRecord {
        public Exited {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String kind() {
            return "exited";
        }
    }

    /** A restart is scheduled after {@code delayMs}; {@code reason} says why ({@code crashed}, {@code watch}...). */
    record Restarting(Instant at, String name, int instance, long delayMs, String reason) implements EventRecord {
        public Restarting {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String kind() {
            return "restarting";
        }
    }

    /** The orchestrator gave up on the process (launch failed, or too many restarts); {@code message} says why. */
    record Errored(Instant at, String name, int instance, String message) implements EventRecord {
        public Errored {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String kind() {
            return "errored";
        }
    }

    /** A process was stopped on request and its group is gone. */
    record Stopped(Instant at, String name, int instance) implements EventRecord {
        public Stopped {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String kind() {
            return "stopped";
        }
    }

    /** A reload plan was applied: app names per outcome ({@code failed}: descriptors or plans with errors). */
    record Reload(Instant at, List<String> added, List<String> removed, List<String> changed, List<String> failed)
            implements EventRecord {
        public Reload {
            Objects.requireNonNull(at, "at");
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            changed = List.copyOf(changed);
            failed = List.copyOf(failed);
        }

        @Override
        public String kind() {
            return "reload";
        }
    }
}
