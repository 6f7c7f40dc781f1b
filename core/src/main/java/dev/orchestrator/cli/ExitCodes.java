package dev.orchestrator.cli;

/** The exit codes every verb uses (CONTRACTS). */
public final class ExitCodes {
    /** Done. */
    public static final int OK = 0;
    /** The operation failed or the input is invalid; the message says what and how to fix it. */
    public static final int FAILED = 1;
    /** Usage error. */
    public static final int USAGE = 2;
    /** No orchestrator is running for this project. */
    public static final int NOT_RUNNING = 3;

    private ExitCodes() {
    }
}
