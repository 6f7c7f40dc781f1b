package dev.orchestrator.supervisor;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The status of one process, with the statuses CONTRACTS lists for {@code ls}. Every legal edge is in the one table in
 * {@link #successors()}; {@link #transitionTo} refuses any other.
 *
 * <ul>
 *   <li>{@code starting}: being spawned, or waiting for its dependencies ({@code depends_on}; it becomes
 *       {@code failed} when they fail); {@code running}: alive; {@code ready}: its {@code ready:} probe passed. An
 *       app with a ready probe is shown as {@code starting} until then.</li>
 *   <li>{@code stopping}: a stop is in progress; {@code stopped}: not running because it was asked to stop, or never
 *       started.</li>
 *   <li>{@code exited}: ended on its own and is not restarted (autorestart off, a stop exit code), or an instant
 *       between an exit and its restart; {@code backoff}: waiting out a restart delay.</li>
 *   <li>{@code errored}: given up (crash loop, launch failure, a group that would not die); {@code failed}: its plan
 *       failed (invalid descriptor, missing interpreter, a failed dependency), so it was never started.</li>
 * </ul>
 */
public enum ProcessState {
    STARTING, RUNNING, READY, STOPPING, STOPPED, EXITED, BACKOFF, ERRORED, FAILED;

    /** The one transition table. */
    public Set<ProcessState> successors() {
        return switch (this) {
            case STARTING -> EnumSet.of(RUNNING, STOPPING, ERRORED, STOPPED, FAILED);
            case RUNNING -> EnumSet.of(READY, EXITED, STOPPING);
            case READY -> EnumSet.of(EXITED, STOPPING);
            case STOPPING -> EnumSet.of(STOPPED, ERRORED);
            case STOPPED -> EnumSet.of(STARTING, FAILED);
            case EXITED -> EnumSet.of(STARTING, BACKOFF, ERRORED, STOPPED, FAILED);
            case BACKOFF -> EnumSet.of(STARTING, STOPPED, ERRORED, FAILED);
            case ERRORED -> EnumSet.of(STARTING, STOPPED, FAILED);
            case FAILED -> EnumSet.of(STARTING, STOPPED);
        };
    }

    public boolean canTransitionTo(ProcessState next) {
        return successors().contains(next);
    }

    /**
     * @return {@code next}
     * @throws IllegalStateException naming both states and the legal successors
     */
    public ProcessState transitionTo(ProcessState next) {
        if (!canTransitionTo(next)) {
            throw new IllegalStateException("process state '" + wireName() + "' cannot become '" + next.wireName()
                    + "': from '" + wireName() + "' only " + successors().stream().map(ProcessState::wireName)
                    .collect(Collectors.joining(", ")) + " are allowed");
        }
        return next;
    }

    /** Whether a process of this status may have live processes (a child, or a group being cleaned up). */
    public boolean active() {
        return this == STARTING || this == RUNNING || this == READY || this == STOPPING || this == BACKOFF;
    }

    /** The lower-case name used in {@code ls} and JSON. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
