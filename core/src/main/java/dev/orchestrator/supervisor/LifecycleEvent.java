package dev.orchestrator.supervisor;

import dev.orchestrator.process.ExitStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What happened to a process, published in order per process to every subscriber (the console, later the control
 * API). {@code label} is the process label: the app name, or {@code name-i} when it has several instances.
 */
public sealed interface LifecycleEvent {
    String label();

    /** The child was spawned. */
    record Started(String label, int pid, Instant at) implements LifecycleEvent {
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
