package dev.orchestrator.watch;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

/**
 * Makes this package's named daemon threads and remembers them, so {@code close()} can join them: an executor's
 * {@code awaitTermination} returns while its worker is still on its way out, and "no thread left" must be true when
 * {@code close()} returns.
 */
final class OwnThreads implements ThreadFactory {

    private final String name;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    OwnThreads(String name) {
        this.name = name;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread t = Thread.ofPlatform().name(name).daemon().unstarted(task);
        threads.add(t);
        return t;
    }

    /** Waits up to {@code millis} in total for every thread made here to end. */
    void join(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        for (Thread t : threads) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return;
            }
            try {
                t.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
