package dev.orchestrator.testing.children;

/** Ignores SIGTERM (prints "ignored SIGTERM" for each) and sleeps forever; only SIGKILL ends it. */
public final class IgnoresTerm {
    @SuppressWarnings("removal")
    public static void main(String[] args) throws InterruptedException {
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> {
            System.out.println("ignored SIGTERM");
            System.out.flush();
        });
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
