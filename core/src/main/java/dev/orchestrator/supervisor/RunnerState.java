package dev.orchestrator.supervisor;

import dev.orchestrator.logs.RecentLines;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.process.ExitStatus;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The state of one process (one instance of an app), shared by {@link ProcessRunner} (requests from outside) and
 * {@link ChildCycle} (what happens to the child: launch, exit, restart, settle).
 *
 * <p>Concurrency: every mutable field is guarded by {@code lock}, which is never held across I/O (spawning, signals,
 * /proc) or a listener: work under the lock only decides and records; the I/O happens after. Events are enqueued
 * under the lock so each process's events keep their order. {@code epoch} increments on every start and stop
 * request, so a scheduled restart from before a request sees it is stale and does nothing.
 */
final class RunnerState {
    final String name;
    final int instance;
    final RecentLines stderrTail = new RecentLines(50);
    final ReentrantLock lock = new ReentrantLock();

    AppSpec spec;
    ProcessState state = ProcessState.STOPPED;
    boolean wanted;
    long epoch;
    boolean launching;
    Child child;
    RestartHistory history;
    int starts;
    Instant startedAt;
    ExitStatus lastExit;
    String reason;
    CompletableFuture<Void> stopDone;
    CompletableFuture<Void> settled = CompletableFuture.completedFuture(null);
    HealthRestart.Pending pendingRestart; // a health or cron restart: the child was sent its kill signal

    RunnerState(String name, int instance) {
        this.name = name;
        this.instance = instance;
    }

    <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    /** The name events and views show: the app's name, or {@code name:instance} when it has several. Under lock. */
    String label() {
        return spec == null || spec.instances() == 1 ? name : spec.processLabel(instance);
    }
}
