package dev.orchestrator.control;

/** The control conversation failed: the message says what and what to do. */
public class ControlException extends Exception {

    private static final long serialVersionUID = 1L;

    public ControlException(String message) {
        super(message);
    }

    public ControlException(String message, Throwable cause) {
        super(message, cause);
    }

    /** No orchestrator is running for the project: no socket, or a stale one (CLI exit code 3). */
    public static final class NotRunning extends ControlException {
        private static final long serialVersionUID = 1L;

        public NotRunning(String message) {
            super(message);
        }
    }
}
