package dev.orchestrator.supervisor;

import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.process.GroupStopper;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps one process (one instance of an app) in its desired state: takes the requests (start, stop, restart for a
 * health check, ready) and answers views; what then happens to the child is {@link ChildCycle}'s. Locking as
 * described on {@link RunnerState}.
 */
final class ProcessRunner {
    private final Services s;
    private final RunnerState st;
    private final ChildCycle cycle;
    final String name;
    final int instance;

    ProcessRunner(Services s, String name, int instance) {
        this.s = s;
        this.st = new RunnerState(name, instance);
        this.cycle = new ChildCycle(s, st);
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
        st.lock.lock();
        try {
            if (st.state.active()) {
                return false;
            }
            st.spec = newSpec;
            st.wanted = true;
            myEpoch = ++st.epoch;
            st.history = null;
            st.reason = null;
            st.state = st.state.transitionTo(ProcessState.STARTING);
            previous = st.settled;
        } finally {
            st.lock.unlock();
        }
        CompletableFuture.allOf(previous, gate).whenCompleteAsync((v, t) -> {
            if (t != null) { // `previous` never fails: the gate did
                gateFailed(myEpoch, t);
            } else {
                cycle.launch(myEpoch);
            }
        }, s.control());
        return true;
    }

    private void gateFailed(long myEpoch, Throwable failure) {
        st.lock.lock();
        try {
            if (st.epoch != myEpoch || st.state != ProcessState.STARTING || st.launching) {
                return; // stopped or started again while it waited
            }
            st.state = st.state.transitionTo(ProcessState.FAILED);
            String why = Teardown.unwrap(failure).getMessage();
            st.reason = why != null ? why : "app '" + name + "' not started: waiting for its dependencies failed ("
                    + Teardown.unwrap(failure) + ")";
            st.wanted = false;
            st.epoch++;
            s.events().publish(new LifecycleEvent.Failed(st.label(), st.reason));
        } finally {
            st.lock.unlock();
        }
        s.stateChange().run();
    }

    /** Its ready probe passed: {@code running} becomes {@code ready}, if {@code pid} is still the running st.child. */
    boolean markReady(int pid) {
        st.lock.lock();
        try {
            if (st.state != ProcessState.RUNNING || st.child == null || st.child.pid() != pid) {
                return false;
            }
            st.state = st.state.transitionTo(ProcessState.READY);
            s.events().publish(new LifecycleEvent.Ready(st.label(), pid));
            return true;
        } finally {
            st.lock.unlock();
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
        st.lock.lock();
        try {
            boolean live = (st.state == ProcessState.RUNNING || st.state == ProcessState.READY) && st.child != null;
            if (live && (pid == null || st.child.pid() == pid) && st.pendingRestart == null) {
                st.pendingRestart = new HealthRestart.Pending(why, scheduled);
                toStop = st.child;
            } else if (scheduled && st.wanted && st.spec != null
                    && (st.state == ProcessState.EXITED || st.state == ProcessState.ERRORED)) {
                st.history = null;
                st.reason = why;
                st.state = st.state.transitionTo(ProcessState.STARTING);
                myEpoch = ++st.epoch;
                previous = st.settled;
                s.events().publish(new LifecycleEvent.Restarting(st.label(), why, Duration.ZERO));
            } else {
                return false;
            }
        } finally {
            st.lock.unlock();
        }
        if (toStop != null) {
            Teardown.beginStop(s, toStop);
        } else {
            long e = myEpoch;
            previous.whenCompleteAsync((v, t) -> cycle.launch(e), s.control());
        }
        return true;
    }

    CompletableFuture<Void> stop() {
        CompletableFuture<Void> result;
        Child toStop = null;
        st.lock.lock();
        try {
            st.wanted = false;
            st.epoch++;
            st.pendingRestart = null;
            switch (st.state) {
                case RUNNING, READY -> {
                    st.state = st.state.transitionTo(ProcessState.STOPPING);
                    st.stopDone = new CompletableFuture<>();
                    toStop = st.child;
                    result = st.stopDone;
                }
                case STARTING -> {
                    if (st.launching) { // the spawn in flight sees STOPPING and stops what it started
                        st.state = st.state.transitionTo(ProcessState.STOPPING);
                        st.stopDone = new CompletableFuture<>();
                        result = st.stopDone;
                    } else {
                        st.state = st.state.transitionTo(ProcessState.STOPPED);
                        s.events().publish(new LifecycleEvent.Stopped(st.label()));
                        result = st.settled;
                    }
                }
                case STOPPING -> result = st.stopDone;
                case BACKOFF, EXITED, ERRORED -> {
                    st.state = st.state.transitionTo(ProcessState.STOPPED);
                    s.events().publish(new LifecycleEvent.Stopped(st.label()));
                    result = st.settled;
                }
                default -> result = st.settled; // stopped, failed: nothing runs
            }
        } finally {
            st.lock.unlock();
        }
        if (toStop != null) {
            cycle.stopChild(toStop);
        }
        s.stateChange().run();
        return result;
    }

    /** Stop, then SIGKILL the group at once without waiting for the kill timeout. */
    CompletableFuture<Void> killNow() {
        CompletableFuture<Void> stopped = stop();
        Child c = st.locked(() -> st.child);
        if (c != null) {
            GroupStopper.killNow(c.pid(), c.pid());
        }
        return stopped;
    }

    void markFailed(String why) {
        st.lock.lock();
        try {
            if (st.state.active()) {
                throw new IllegalStateException("app '" + name + "' is " + st.state.wireName()
                        + "; stop it before marking it failed");
            }
            if (st.state != ProcessState.FAILED) {
                st.state = st.state.transitionTo(ProcessState.FAILED);
            }
            st.reason = why;
            st.wanted = false;
            st.epoch++;
            s.events().publish(new LifecycleEvent.Failed(st.label(), why));
        } finally {
            st.lock.unlock();
        }
    }

    boolean active() {
        return st.locked(() -> st.state.active());
    }

    /** Takes {@code newSpec} as this instance's spec for its next launch, without stopping or starting it. */
    void adopt(AppSpec newSpec) {
        st.locked(() -> st.spec = newSpec);
    }

    AppSpec spec() {
        return st.locked(() -> st.spec);
    }

    List<String> recentStderr() {
        return st.stderrTail.lines();
    }

    ProcessView view() {
        return st.locked(() -> {
            boolean live = st.child != null && (st.state == ProcessState.RUNNING || st.state == ProcessState.READY
                    || st.state == ProcessState.STOPPING);
            return new ProcessView(name, instance, st.label(), st.spec == null ? null : st.spec.namespace(),
                    st.spec == null ? null : st.spec.runtime(), shownState(), live ? st.child.pid() : null,
                    st.startedAt, Math.max(0, st.starts - 1), st.lastExit, st.reason);
        });
    }

    /** Whether {@link #view()} would show {@code starting}, without making the view. */
    boolean showsStarting() {
        return st.locked(() -> shownState() == ProcessState.STARTING);
    }

    /** Whether this process is the one labelled {@code label} now. */
    boolean labelled(String label) {
        return st.locked(() -> st.label().equals(label));
    }

    /** Under lock. An app with a ready probe is "starting" until the probe passes (issue 6), though its child runs. */
    private ProcessState shownState() {
        boolean probing = st.state == ProcessState.RUNNING && st.spec != null && st.spec.health().ready().isPresent();
        return probing ? ProcessState.STARTING : st.state;
    }

    /** The child for state.json while it or its group may be alive. */
    Optional<StateFile.Entry> stateEntry() {
        return st.locked(() -> Optional.ofNullable(st.child).map(Child::stateEntry));
    }
}
