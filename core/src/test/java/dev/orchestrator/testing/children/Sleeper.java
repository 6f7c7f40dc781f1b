package dev.orchestrator.testing.children;

/** Prints "ready <pid>" and sleeps for args[0] seconds (default: forever). */
public final class Sleeper {
    public static void main(String[] args) throws InterruptedException {
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(args.length > 0 ? Long.parseLong(args[0]) * 1000 : Long.MAX_VALUE);
    }
}
