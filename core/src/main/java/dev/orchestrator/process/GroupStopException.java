package dev.orchestrator.process;

/** A process group could not be emptied: still alive after SIGKILL, or not ours to signal. */
public final class GroupStopException extends RuntimeException {
    public GroupStopException(String message) {
        super(message);
    }
}
