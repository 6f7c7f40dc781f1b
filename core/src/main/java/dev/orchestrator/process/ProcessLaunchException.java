package dev.orchestrator.process;

/** A child could not be started; the message names argv, cwd and the cause. */
public final class ProcessLaunchException extends Exception {
    public ProcessLaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
