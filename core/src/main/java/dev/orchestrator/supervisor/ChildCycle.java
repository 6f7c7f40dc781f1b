package dev.orchestrator.supervisor;

import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.process.ExitStatus;
import dev.orchestrator.supervisor.RestartPolicy.Decision;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What happens to one process's child, on the control threads: the launch, the exit and the restart policy's
 * decision on it, the relaunch after the delay, and the settling once its group is empty and its output drained.
 * Locking as described on {@link RunnerState}.
 */
final class ChildCycle {
    private final Services s;
    private final RunnerState st;

    ChildCycle(Services s, RunnerState st) {
        this.s = s;
        this.st = st;
    }

    /** Spawns the child if {@code myEpoch} is still current and the process still {@code starting}. */
    void launch(long myEpoch) {
        AppSpec sp;
        String label;
        st.lock.lock();
        try {
            if (st.epoch != myEpoch || st.state != ProcessState.STARTING) {
                return;
            }
            st.launching = true;
            sp = st.spec;
            label = st.label();
            st.starts++;
        } finally {
            st.lock.unlock();
        }
        Child c = null;
        Exception failure = null;
        try {
            c = ChildLauncher.launch(s, sp, st.instance, label, st.stderrTail);
        } catch (Exception e) {
            failure = e;
        }
        boolean stopNow = false;
        CompletableFuture<Void> stoppedBeforeSpawn = null;
        st.lock.lock();
        try {
            st.launching = false;
            if (failure != null) {
                stoppedBeforeSpawn = recordFailedLaunch(sp, label, failure);
            } else {
                stopNow = recordLaunch(c, label);
            }
        } finally {
            st.lock.unlock();
        }
        if (stoppedBeforeSpawn != null) {
            stoppedBeforeSpawn.complete(null);
        }
        if (c != null) {
            Child started = c;
            c.spawned().exit().whenCompleteAsync((exit, t) -> onExit(started, exit), s.control());
            if (stopNow) {
                stopChild(c);
            }
        }
        s.stateChange().run();
    }

    /** Under lock. Returns the stop request's future to complete when a stop arrived during the failed spawn. */
    private CompletableFuture<Void> recordFailedLaunch(AppSpec sp, String label, Exception failure) {
        String why = "app '" + sp.name() + "' failed to start: " + ChildLauncher.describe(failure);
        st.reason = why;
        if (st.state == ProcessState.STARTING) {
            st.state = st.state.transitionTo(ProcessState.ERRORED);
            s.events().publish(new LifecycleEvent.Errored(label, why, List.of()));
            return null;
        }
        st.state = st.state.transitionTo(ProcessState.STOPPED);
        s.events().publish(new LifecycleEvent.Stopped(label));
        CompletableFuture<Void> done = st.stopDone;
        st.stopDone = null;
        return done;
    }

    /** Under lock. Returns whether a stop arrived while we were spawning, so the new child must be stopped. */
    private boolean recordLaunch(Child c, String label) {
        st.child = c;
        st.pendingRestart = null;
        st.startedAt = c.startedAt();
        st.settled = new CompletableFuture<>();
        st.history = st.history == null ? RestartHistory.firstStart(st.startedAt)
                : st.history.startedAgain(st.startedAt);
        s.events().publish(new LifecycleEvent.Started(label, c.pid(), st.startedAt, c.output()));
        if (st.state == ProcessState.STARTING) {
            st.state = st.state.transitionTo(ProcessState.RUNNING);
            return false;
        }
        return true;
    }

    /** {@code reaped} is null only if the reaper could not reap it (cannot happen; recorded as code -1). */
    private void onExit(Child c, ExitStatus reaped) {
        long exitNanos = System.nanoTime();
        Instant now = s.clock().instant(); // the supervisor's clock, which tests may fake
        ExitStatus exit = reaped == null ? ExitStatus.exited(-1, now)
                : new ExitStatus(reaped.code(), reaped.signal(), now);
        Decision decision;
        long myEpoch;
        String label;
        st.lock.lock();
        try {
            label = st.label();
            st.lastExit = exit;
            s.events().publish(new LifecycleEvent.Exited(label, exit));
            decision = st.state == ProcessState.STOPPING || st.child != c ? null // a requested stop: stopChild ends it
                    : decide(exit, label);
            myEpoch = st.epoch;
        } finally {
            st.lock.unlock();
        }
        c.exitHandled().complete(null);
        if (decision == null) {
            return;
        }
        CompletableFuture<Throwable> clean = cleanUp(c);
        switch (decision) {
            case Decision.Restart r -> clean.thenAccept(t -> {
                if (t == null) {
                    relaunchAfter(myEpoch, r.delay().toNanos() - (System.nanoTime() - exitNanos));
                }
            });
            // Published once the pipes are drained, so the tail holds the crash's last words.
            case Decision.Errored er -> clean.thenRun(() -> s.events().publish(
                    new LifecycleEvent.Errored(label, er.reason(), st.stderrTail.lines())));
            case Decision.Stop stop -> { }
        }
        s.stateChange().run();
    }

    /** Under lock: the child exited on its own; applies the restart policy (or the health restart's) and records it. */
    private Decision decide(ExitStatus exit, String label) {
        st.state = st.state.transitionTo(ProcessState.EXITED);
        HealthRestart.Pending health = st.pendingRestart;
        st.pendingRestart = null;
        Decision decision = !st.wanted ? new Decision.Stop(exit.describe())
                : health != null ? HealthRestart.decide(health, exit, st.history, st.spec.restart())
                : RestartPolicy.decide(exit, st.history, exit.at(), st.spec.restart());
        switch (decision) {
            case Decision.Restart r -> {
                st.history = r.history();
                st.reason = r.reason();
                if (r.delay().isPositive()) {
                    st.state = st.state.transitionTo(ProcessState.BACKOFF);
                }
                s.events().publish(new LifecycleEvent.Restarting(label, r.reason(), r.delay()));
            }
            case Decision.Stop stop -> st.reason = stop.reason();
            case Decision.Errored er -> {
                st.state = st.state.transitionTo(ProcessState.ERRORED);
                st.reason = er.reason();
            }
        }
        return decision;
    }

    /** On a control thread, right after the exit was settled; relaunches on it when there is no delay left. */
    private void relaunchAfter(long myEpoch, long waitNanos) {
        if (waitNanos <= 0) {
            relaunch(myEpoch);
        } else {
            s.timer().schedule(() -> s.control().execute(() -> relaunch(myEpoch)), waitNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void relaunch(long myEpoch) {
        st.lock.lock();
        try {
            if (st.epoch != myEpoch || !st.wanted
                    || (st.state != ProcessState.EXITED && st.state != ProcessState.BACKOFF)) {
                return;
            }
            st.state = st.state.transitionTo(ProcessState.STARTING);
        } finally {
            st.lock.unlock();
        }
        launch(myEpoch);
    }

    /**
     * After an exit, on a control thread: empty the group and drain the output, then record it. Usually both are done
     * at once (nobody else in the group, the pipes at their end): then it is recorded on this thread, and a restart
     * without delay spawns here too, with no hop to another thread between the reaper and the new child.
     */
    private CompletableFuture<Throwable> cleanUp(Child c) {
        CompletableFuture<Throwable> teardown = Teardown.afterExit(s, c);
        Function<Throwable, Throwable> record = t -> {
            settle(c, t, false);
            return t;
        };
        return teardown.isDone() ? teardown.thenApply(record) : teardown.thenApplyAsync(record, s.control());
    }

    /** A requested stop of {@code c}: its group emptied, its exit recorded, its output drained, then settled. */
    void stopChild(Child c) {
        Teardown.stop(s, c).thenAcceptAsync(t -> settle(c, t, true), s.control());
    }

    /** The child's group is empty (or could not be emptied: {@code failure}); record it and release waiters. */
    private void settle(Child c, Throwable failure, boolean requested) {
        CompletableFuture<Void> done = null;
        CompletableFuture<Void> childSettled;
        st.lock.lock();
        try {
            if (st.child == c) {
                st.child = null;
            }
            childSettled = st.settled;
            String label = st.label();
            if (failure != null) {
                st.epoch++; // never restart over a group that would not die
                st.reason = Teardown.unwrap(failure).getMessage();
                if (st.state.canTransitionTo(ProcessState.ERRORED)) {
                    st.state = st.state.transitionTo(ProcessState.ERRORED);
                }
                s.events().publish(new LifecycleEvent.Errored(label, st.reason, st.stderrTail.lines()));
            } else if (requested && st.state == ProcessState.STOPPING) {
                st.state = st.state.transitionTo(ProcessState.STOPPED);
                s.events().publish(new LifecycleEvent.Stopped(label));
            }
            if (requested) {
                done = st.stopDone;
                st.stopDone = null;
            }
        } finally {
            st.lock.unlock();
        }
        childSettled.complete(null);
        if (done != null) {
            if (failure == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(Teardown.unwrap(failure));
            }
        }
        s.stateChange().run();
    }
}
