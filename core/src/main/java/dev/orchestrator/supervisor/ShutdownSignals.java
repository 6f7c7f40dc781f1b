package dev.orchestrator.supervisor;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * SIGTERM and SIGINT handling for the foreground orchestrator. The first signal stops every app, waits until no child
 * is left, and exits 0; a second one while stopping SIGKILLs every group and exits 1. (The JVM's default handling
 * exits 143 and swallows the second signal.) Uses {@code sun.misc.Signal} from jdk.unsupported, the supported way for
 * applications; its handlers run on a short-lived JVM thread, so the stop itself runs on our own thread.
 */
public final class ShutdownSignals {
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final Supervisor supervisor;
    private final Consumer<String> notices;
    private final IntConsumer exit;
    private final AtomicInteger received = new AtomicInteger();
    private volatile Runnable beforeStop = () -> { };
    private final java.util.concurrent.CompletableFuture<Void> stopped = new java.util.concurrent.CompletableFuture<>();

    private ShutdownSignals(Supervisor supervisor, Consumer<String> notices, IntConsumer exit) {
        this.supervisor = supervisor;
        this.notices = notices;
        this.exit = exit;
    }

    /**
     * Installs the handlers.
     *
     * @param notices where to say what is happening (e.g. the console as the orchestrator's own label)
     * @param exit    how to end the process: {@code System::exit} in production
     */
    public static ShutdownSignals install(Supervisor supervisor, Consumer<String> notices, IntConsumer exit) {
        ShutdownSignals signals = new ShutdownSignals(supervisor, notices, exit);
        for (String name : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), s -> signals.onSignal("SIG" + s.getName()));
        }
        return signals;
    }

    /** Runs first when stopping begins (e.g. stop hot reload and the control socket, so nothing starts again). */
    public void beforeStop(Runnable hook) {
        this.beforeStop = hook;
    }

    /**
     * {@code orchestrator down}: the same graceful stop as a first signal, then exit 0.
     *
     * @return completes when every app has stopped, just before the process exits
     */
    public java.util.concurrent.CompletableFuture<Void> requestStop(String why) {
        if (received.compareAndSet(0, 1)) {
            notices.accept(why + ": stopping every app");
            Thread.ofPlatform().name("orchestrator-shutdown").start(this::stopAndExit);
        }
        return stopped;
    }

    /** The same as receiving a signal (for tests). */
    public void onSignal(String name) {
        int n = received.incrementAndGet();
        if (n == 1) {
            notices.accept(name + " received: stopping every app (send it again to kill them all now)");
            Thread.ofPlatform().name("orchestrator-shutdown").start(this::stopAndExit);
        } else if (n == 2) {
            notices.accept(name + " received again: killing every process group now");
            Thread.ofPlatform().name("orchestrator-kill").start(this::killAndExit);
        }
    }

    private void stopAndExit() {
        runBeforeStop();
        try {
            supervisor.stopAll().get();
        } catch (ExecutionException e) {
            notices.accept("stopping failed: " + e.getCause().getMessage());
            if (received.get() == 1) {
                supervisor.close();
                exit.accept(1);
            }
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        stopped.complete(null);
        if (received.get() == 1) { // a second signal owns the exit from now on
            supervisor.close();
            exit.accept(0);
        }
    }

    private void runBeforeStop() {
        try {
            beforeStop.run();
        } catch (RuntimeException e) {
            notices.accept("closing the control socket and watches failed: " + e);
        }
    }

    private void killAndExit() {
        supervisor.killAllNow();
        try {
            supervisor.stopAll().get(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            notices.accept("some processes did not die after SIGKILL: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exit.accept(1);
    }
}
