package dev.orchestrator.supervisor;

import dev.orchestrator.logs.RecentLines;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.process.ExitStatus;
import dev.orchestrator.process.GroupStopper;
import dev.orchestrator.supervisor.RestartPolicy.Decision;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Keeps one process (one instance of an app) in its desired state: starts it, restarts it by the policy, stops it.
 *
 * <p>Concurrency: every field below {@code lock} is guarded by it, and it is never held across I/O (spawning, signals,
 * /proc) or a listener: work under the lock only decides and records; the I/O happens after. Events are enqueued
 * under the lock so each process's events keep their order. {@code epoch} increments on every start and stop
 * request, so a scheduled restart from before a request sees it is stale and does nothing.
 */
final class ProcessRunner {
    private final Services s;
    final String name;
    final int instance;
    private final RecentLines stderrTail = new RecentLines(50);
    private final ReentrantLock lock = new ReentrantLock();

    private AppSpec spec;
    private ProcessState state = ProcessState.STOPPED;
    private boolean wanted;
    private long epoch;
    private boolean launching;
    private Child child;
    private RestartHistory history;
    private int starts;
    private Instant startedAt;
    private ExitStatus lastExit;
    private String reason;
    private CompletableFuture<Void> stopDone;
    private CompletableFuture<Void> settled = CompletableFuture.completedFuture(null);
    private HealthRestart.Pending pendingRestart; // a health or cron restart: the child was sent its kill signal

    ProcessRunner(Services s, String name, int instance) {
        this.s = s;
        this.name = name;
        this.instance = instance;
    }

    /** Starts it with {@code newSpec} (fresh crash counters) unless it is active; returns whether it will start. */
    boolean start(AppSpec newSpec) {
        return start(newSpec, CompletableFuture.completedFuture(null));
    }

    /**
     * Like {@link #start(AppSpec)}, but the spawn waits for {@code gate} (its dependencies, see the health package);
     * meanwhile it is {@code starting}. When the gate fails the process becomes {@code failed} with the gate's message.
     */
    boolean start(AppSpec newSpec, CompletableFuture<?> gate) {
        long myEpoch;
        CompletableFuture<Void> previous;
        lock.lock();
        try {
            if (state.active()) {
                return false;
            }
            spec = newSpec;
            wanted = true;
            myEpoch = ++epoch;
            history = null;
            reason = null;
            state = state.transitionTo(ProcessState.STARTING);
            previous = settled;
        } finally {
            lock.unlock();
        }
        CompletableFuture.allOf(previous, gate).whenCompleteAsync((v, t) -> {
            if (t != null) { // `previous` never fails: the gate did
                gateFailed(myEpoch, t);
            } else {
                launch(myEpoch);
            }
        }, s.control());
        return true;
    }

    private void gateFailed(long myEpoch, Throwable failure) {
        lock.lock();
        try {
            if (epoch != myEpoch || state != ProcessState.STARTING || launching) {
                return; // stopped or started again while it waited
            }
            state = state.transitionTo(ProcessState.FAILED);
            String why = Teardown.unwrap(failure).getMessage();
            reason = why != null ? why : "app '" + name + "' not started: waiting for its dependencies failed ("
                    + Teardown.unwrap(failure) + ")";
            wanted = false;
            epoch++;
            s.events().publish(new LifecycleEvent.Failed(label(), reason));
        } finally {
            lock.unlock();
        }
        s.stateChange().run();
    }

    /** Its ready probe passed: {@code running} becomes {@code ready}, if {@code pid} is still the running child. */
    boolean markReady(int pid) {
        lock.lock();
        try {
            if (state != ProcessState.RUNNING || child == null || child.pid() != pid) {
                return false;
            }
            state = state.transitionTo(ProcessState.READY);
            s.events().publish(new LifecycleEvent.Ready(label(), pid));
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Restarts the running child ({@code pid}, or whichever runs when null) for {@code why}: its kill signal to the
     * group now, then the exit goes through {@link HealthRestart}. A {@code scheduled} restart also starts an app
     * that exited or errored on its own (not one the user stopped). Returns whether it acted.
     */
    boolean restartFor(Integer pid, String why, boolean scheduled) {
        Child toStop = null;
        long myEpoch = 0;
        CompletableFuture<Void> previous = null;
        lock.lock();
        try {
            boolean live = (state == ProcessState.RUNNING || state == ProcessState.READY) && child != null;
            if (live && (pid == null || child.pid() == pid) && pendingRestart == null) {
                pendingRestart = new HealthRestart.Pending(why, scheduled);
                toStop = child;
            } else if (scheduled && wanted && spec != null
                    && (state == ProcessState.EXITED || state == ProcessState.ERRORED)) {
                history = null;
                reason = why;
                state = state.transitionTo(ProcessState.STARTING);
                myEpoch = ++epoch;
                previous = settled;
                s.events().publish(new LifecycleEvent.Restarting(label(), why, java.time.Duration.ZERO));
            } else {
                return false;
            }
        } finally {
            lock.unlock();
        }
        if (toStop != null) {
            Teardown.beginStop(s, toStop);
        } else {
            long e = myEpoch;
            previous.whenCompleteAsync((v, t) -> launch(e), s.control());
        }
        return true;
    }

    CompletableFuture<Void> stop() {
        CompletableFuture<Void> result;
        Child toStop = null;
        lock.lock();
        try {
            wanted = false;
            epoch++;
            pendingRestart = null;
            switch (state) {
                case RUNNING, READY -> {
                    state = state.transitionTo(ProcessState.STOPPING);
                    stopDone = new CompletableFuture<>();
                    toStop = child;
                    result = stopDone;
                }
                case STARTING -> {
                    if (launching) { // the spawn in flight sees STOPPING and stops what it started
                        state = state.transitionTo(ProcessState.STOPPING);
                        stopDone = new CompletableFuture<>();
                        result = stopDone;
                    } else {
                        state = state.transitionTo(ProcessState.STOPPED);
                        s.events().publish(new LifecycleEvent.Stopped(label()));
                        result = settled;
                    }
                }
                case STOPPING -> result = stopDone;
                case BACKOFF, EXITED, ERRORED -> {
                    state = state.transitionTo(ProcessState.STOPPED);
                    s.events().publish(new LifecycleEvent.Stopped(label()));
                    result = settled;
                }
                default -> result = settled; // stopped, failed: nothing runs
            }
        } finally {
            lock.unlock();
        }
        if (toStop != null) {
            stopChild(toStop);
        }
        s.stateChange().run();
        return result;
    }

    /** Stop, then SIGKILL the group at once without waiting for the kill timeout. */
    CompletableFuture<Void> killNow() {
        CompletableFuture<Void> stopped = stop();
        Child c = locked(() -> child);
        if (c != null) {
            GroupStopper.killNow(c.pid(), c.pid());
        }
        return stopped;
    }

    void markFailed(String why) {
        lock.lock();
        try {
            if (state.active()) {
                throw new IllegalStateException("app '" + name + "' is " + state.wireName()
                        + "; stop it before marking it failed");
            }
            if (state != ProcessState.FAILED) {
                state = state.transitionTo(ProcessState.FAILED);
            }
            reason = why;
            wanted = false;
            epoch++;
            s.events().publish(new LifecycleEvent.Failed(label(), why));
        } finally {
            lock.unlock();
        }
    }

    boolean active() {
        return locked(state::active);
    }

    /** Takes {@code newSpec} as this instance's spec for its next launch, without stopping or starting it. */
    void adopt(AppSpec newSpec) {
        locked(() -> spec = newSpec);
    }

    AppSpec spec() {
        return locked(() -> spec);
    }

    List<String> recentStderr() {
        return stderrTail.lines();
    }

    ProcessView view() {
        return locked(() -> {
            boolean live = child != null && (state == ProcessState.RUNNING || state == ProcessState.READY
                    || state == ProcessState.STOPPING);
            // An app with a ready probe is "starting" until the probe passes (issue 6), though its child runs.
            boolean probing = state == ProcessState.RUNNING && spec != null && spec.health().ready().isPresent();
            return new ProcessView(name, instance, label(), spec == null ? null : spec.namespace(),
                    spec == null ? null : spec.runtime(), probing ? ProcessState.STARTING : state,
                    live ? child.pid() : null, startedAt,
                    Math.max(0, starts - 1), lastExit, reason);
        });
    }

    /** The child for state.json while it or its group may be alive. */
    Optional<StateFile.Entry> stateEntry() {
        return locked(() -> Optional.ofNullable(child).map(c -> new StateFile.Entry(name, instance, label(), c.pid(),
                c.pid(), c.spawned().startTicks(), c.startedAt().toString(), c.killSignal().name(),
                c.killTimeout().toMillis())));
    }

    private <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    private String label() {
        return spec == null || spec.instances() == 1 ? name : spec.processLabel(instance);
    }

    private void launch(long myEpoch) {
        AppSpec sp;
        String label;
        lock.lock();
        try {
            if (epoch != myEpoch || state != ProcessState.STARTING) {
                return;
            }
            launching = true;
            sp = spec;
            label = label();
            starts++;
        } finally {
            lock.unlock();
        }
        Child c = null;
        Exception failure = null;
        try {
            c = ChildLauncher.launch(s, sp, instance, label, stderrTail);
        } catch (Exception e) {
            failure = e;
        }
        boolean stopNow = false;
        CompletableFuture<Void> stoppedBeforeSpawn = null;
        lock.lock();
        try {
            launching = false;
            if (failure != null) {
                String why = "app '" + sp.name() + "' failed to start: " + ChildLauncher.describe(failure);
                reason = why;
                if (state == ProcessState.STARTING) {
                    state = state.transitionTo(ProcessState.ERRORED);
                    s.events().publish(new LifecycleEvent.Errored(label, why, List.of()));
                } else {
                    state = state.transitionTo(ProcessState.STOPPED);
                    s.events().publish(new LifecycleEvent.Stopped(label));
                    stoppedBeforeSpawn = stopDone;
                    stopDone = null;
                }
            } else {
                child = c;
                pendingRestart = null;
                startedAt = c.startedAt();
                settled = new CompletableFuture<>();
                history = history == null ? RestartHistory.firstStart(startedAt) : history.startedAgain(startedAt);
                s.events().publish(new LifecycleEvent.Started(label, c.pid(), startedAt, c.output()));
                if (state == ProcessState.STARTING) {
                    state = state.transitionTo(ProcessState.RUNNING);
                } else {
                    stopNow = true; // a stop arrived while we were spawning
                }
            }
        } finally {
            lock.unlock();
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

    /** {@code reaped} is null only if the reaper could not reap it (cannot happen; recorded as code -1). */
    private void onExit(Child c, ExitStatus reaped) {
        long exitNanos = System.nanoTime();
        Instant now = s.clock().instant(); // the supervisor's clock, which tests may fake
        ExitStatus exit = reaped == null ? ExitStatus.exited(-1, now) : new ExitStatus(reaped.code(), reaped.signal(), now);
        Decision decision;
        long myEpoch;
        String label;
        lock.lock();
        try {
            label = label();
            lastExit = exit;
            s.events().publish(new LifecycleEvent.Exited(label, exit));
            if (state == ProcessState.STOPPING || child != c) {
                decision = null; // a requested stop: stopChild finishes it
            } else {
                state = state.transitionTo(ProcessState.EXITED);
                HealthRestart.Pending health = pendingRestart;
                pendingRestart = null;
                decision = !wanted ? new Decision.Stop(exit.describe())
                        : health != null ? HealthRestart.decide(health, exit, history, spec.restart())
                        : RestartPolicy.decide(exit, history, exit.at(), spec.restart());
                switch (decision) {
                    case Decision.Restart r -> {
                        history = r.history();
                        reason = r.reason();
                        if (r.delay().isPositive()) {
                            state = state.transitionTo(ProcessState.BACKOFF);
                        }
                        s.events().publish(new LifecycleEvent.Restarting(label, r.reason(), r.delay()));
                    }
                    case Decision.Stop st -> reason = st.reason();
                    case Decision.Errored er -> {
                        state = state.transitionTo(ProcessState.ERRORED);
                        reason = er.reason();
                    }
                }
            }
            myEpoch = epoch;
        } finally {
            lock.unlock();
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
                    new LifecycleEvent.Errored(label, er.reason(), stderrTail.lines())));
            case Decision.Stop st -> { }
        }
        s.stateChange().run();
    }

    private void relaunchAfter(long myEpoch, long waitNanos) {
        if (waitNanos <= 0) {
            s.control().execute(() -> relaunch(myEpoch));
        } else {
            s.timer().schedule(() -> s.control().execute(() -> relaunch(myEpoch)), waitNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void relaunch(long myEpoch) {
        lock.lock();
        try {
            if (epoch != myEpoch || !wanted || (state != ProcessState.EXITED && state != ProcessState.BACKOFF)) {
                return;
            }
            state = state.transitionTo(ProcessState.STARTING);
        } finally {
            lock.unlock();
        }
        launch(myEpoch);
    }

    /** After an exit: empty the group and drain the output, then record it. */
    private CompletableFuture<Throwable> cleanUp(Child c) {
        return Teardown.afterExit(s, c).thenApplyAsync(t -> {
            settle(c, t, false);
            return t;
        }, s.control());
    }

    private void stopChild(Child c) {
        Teardown.stop(s, c).thenAcceptAsync(t -> settle(c, t, true), s.control());
    }

    /** The child's group is empty (or could not be emptied: {@code failure}); record it and release waiters. */
    private void settle(Child c, Throwable failure, boolean requested) {
        CompletableFuture<Void> done = null;
        CompletableFuture<Void> childSettled;
        lock.lock();
        try {
            if (child == c) {
                child = null;
            }
            childSettled = settled;
            String label = label();
            if (failure != null) {
                epoch++; // never restart over a group that would not die
                reason = Teardown.unwrap(failure).getMessage();
                if (state.canTransitionTo(ProcessState.ERRORED)) {
                    state = state.transitionTo(ProcessState.ERRORED);
                }
                s.events().publish(new LifecycleEvent.Errored(label, reason, stderrTail.lines()));
            } else if (requested && state == ProcessState.STOPPING) {
                state = state.transitionTo(ProcessState.STOPPED);
                s.events().publish(new LifecycleEvent.Stopped(label));
            }
            if (requested) {
                done = stopDone;
                stopDone = null;
            }
        } finally {
            lock.unlock();
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
