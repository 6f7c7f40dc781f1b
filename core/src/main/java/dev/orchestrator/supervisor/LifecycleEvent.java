package dev.orchestrator.supervisor;

import dev.orchestrator.process.ExitStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What happened to a process, published in order per process to every subscriber (the console, later the control
 * API). {@code label} is the process label: the app name, or {@code name-i} when it has several instances.
 */
public sealed interface LifecycleEvent {
    String label();

    /**
     * The child was spawned. {@code output} says where its output begins in its log files (a log probe reads from
     * there, so a line printed an instant after the spawn is never missed).
     */
    record Started(String label, int pid, Instant at, OutputStart output) implements LifecycleEvent {
        public Started(String label, int pid, Instant at) {
            this(label, pid, at, OutputStart.NONE);
        }
    }

    /**
     * The sizes of the stdout and stderr files just before a spawn (0 for a file that is not regular).
     *
     * @param out the stdout file, null when unknown
     * @param err the stderr file (may equal {@code out}), null when unknown
     */
    record OutputStart(Path out, long outFrom, Path err, long errFrom) {
        public static final OutputStart NONE = new OutputStart(null, 0, null, 0);
    }

    /** Its {@code ready:} probe passed for the child {@code pid}. */
    record Ready(String label, int pid) implements LifecycleEvent {
    }

    /** The child ended (on its own, or because it was stopped). */
    record Exited(String label, ExitStatus exit) implements LifecycleEvent {
    }

    /** It will be started again after {@code delay}. */
    record Restarting(String label, String reason, Duration delay) implements LifecycleEvent {
    }

    /** Given up: crash loop, launch failure, or a group that would not die; with the last lines of its stderr. */
    record Errored(String label, String reason, List<String> stderrTail) implements LifecycleEvent {
        public Errored {
            stderrTail = List.copyOf(stderrTail);
        }
    }

    /** A requested stop finished: no process of its group is left. */
    record Stopped(String label) implements LifecycleEvent {
    }

    /** Its plan failed, so it was not started. */
    record Failed(String label, String reason) implements LifecycleEvent {
    }
}
