package dev.orchestrator.testing.children;

/** Writes a line to stderr and exits with code args[0]. */
public final class Crasher {
    public static void main(String[] args) {
        int code = Integer.parseInt(args[0]);
        System.err.println("crasher: exiting with " + code);
        System.exit(code);
    }
}
