package dev.orchestrator.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Graceful-then-forced stops of many process groups at once, watched by one thread: each poll first asks the kernel
 * ({@code kill(-pgid, 0)}, microseconds) and only reads {@code /proc} once for all groups that still exist, since a
 * group of zombies exists for the kernel but counts as stopped here. A stop of 100 apps therefore reads {@code /proc}
 * once per poll, not 100 times, and all stops run in parallel: stopping everything takes the longest kill timeout
 * actually needed.
 *
 * <p>Threading: {@link #stop} may be called from any thread; it sends the first signal itself and hands the rest to
 * the watcher thread, which alone touches the pending stops. Futures complete on the watcher thread, or already on
 * the caller's when the group was empty at once; callers must not block in their continuations (use the async
 * variants).
 */
public final class GroupStopper implements AutoCloseable {
    private static final long FAST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long SLOW_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long FAST_FOR_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Duration confirmTimeout;
    private final ConcurrentLinkedQueue<Pending> incoming = new ConcurrentLinkedQueue<>();
    private final Thread watcher;
    private volatile boolean closed;

    /** @param confirmTimeout how long a group may outlive SIGKILL (processes in uninterruptible sleep) before failing */
    public GroupStopper(Duration confirmTimeout) {
        this.confirmTimeout = confirmTimeout;
        this.watcher = Thread.ofPlatform().name("orchestrator-group-stopper").daemon(true)
                .stackSize(256 * 1024).start(this::run);
    }

    public GroupStopper() {
        this(Duration.ofSeconds(5));
    }

    /**
     * Sends {@code request.signal()} to the group now and completes when the group is empty. Fails with
     * {@link GroupStopException} when the group is still alive {@code confirmTimeout} after SIGKILL.
     */
    public CompletableFuture<StopOutcome> stop(StopRequest request) {
        Pending p = new Pending(request, System.nanoTime());
        if (closed) {
            p.result.completeExceptionally(new IllegalStateException("group stopper is closed"));
            return p.result;
        }
        Posix.KillResult first = signal(p, request.signal());
        if (request.signal() == Signal.SIGKILL) {
            p.markKilled(p.start);
        }
        if (first == Posix.KillResult.NO_SUCH_PROCESS && p.leaderGone()) {
            // The usual end of a child that exited on its own: its leader reaped, nobody left in the group (not even a
            // zombie). Done here, without the continue signal and the watcher thread's round trip on the restart path.
            p.finish();
            return p.result;
        }
        if (request.signal() != Signal.SIGKILL && request.signal() != Signal.SIGCONT) {
            signal(p, Signal.SIGCONT); // a stopped (state T) process acts on SIGTERM only once continued
        }
        if (p.result.isDone()) {
            return p.result;
        }
        incoming.add(p);
        if (request.leaderExit() != null) {
            request.leaderExit().whenComplete((v, t) -> LockSupport.unpark(watcher));
        }
        LockSupport.unpark(watcher);
        return p.result;
    }

    /** SIGKILL to the group now, without waiting (the second Ctrl-C). */
    public static void killNow(int pgid, int leaderPid) {
        if (Posix.killGroup(pgid, Signal.SIGKILL) == Posix.KillResult.NO_SUCH_PROCESS && leaderPid > 1) {
            Posix.kill(leaderPid, Signal.SIGKILL.number());
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(watcher);
    }

    private void run() {
        List<Pending> active = new ArrayList<>();
        while (!closed || !active.isEmpty() || !incoming.isEmpty()) {
            for (Pending p; (p = incoming.poll()) != null; ) {
                active.add(p);
            }
            if (active.isEmpty()) {
                LockSupport.park(this);
                continue;
            }
            try {
                poll(active);
            } catch (RuntimeException e) {
                active.forEach(p -> p.result.completeExceptionally(e));
                active.clear();
            }
            if (!active.isEmpty()) {
                LockSupport.parkNanos(this, pollInterval(active));
            }
        }
    }

    /**
     * Most groups empty within milliseconds of the signal, so young stops are polled every 10 ms; a group that lingers
     * (ignoring the signal, or zombies waiting for PID 1 to reap them) is polled every 50 ms, so a long kill timeout
     * does not read /proc 100 times a second. Exits, new requests and kill timeouts wake the thread early.
     */
    private static long pollInterval(List<Pending> active) {
        long now = System.nanoTime();
        long park = SLOW_POLL_NANOS;
        for (Pending p : active) {
            if (now - p.start < FAST_FOR_NANOS) {
                park = Math.min(park, FAST_POLL_NANOS);
            }
            if (p.killedAt == 0) { // wake up right at the kill timeout, not up to one poll later
                park = Math.min(park, Math.max(0, p.start + p.request.killTimeout().toNanos() - now));
            }
        }
        return Math.max(park, 1);
    }

    private void poll(List<Pending> active) {
        List<Pending> exists = new ArrayList<>();
        for (Iterator<Pending> it = active.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.leaderGone() && !Posix.groupExists(p.request.pgid())) {
                p.finish();
                it.remove();
            } else if (p.leaderGone()) {
                exists.add(p);
            }
        }
        if (!exists.isEmpty()) {
            Set<Integer> live = ProcFs.liveGroups(exists.stream().map(p -> p.request.pgid()).toList());
            for (Pending p : exists) {
                if (!live.contains(p.request.pgid())) {
                    p.finish();
                    active.remove(p);
                }
            }
        }
        long now = System.nanoTime();
        for (Iterator<Pending> it = active.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.killedAt == 0 && now - p.start >= p.request.killTimeout().toNanos()) {
                signal(p, Signal.SIGKILL);
                p.markKilled(now);
            } else if (p.killedAt != 0 && now - p.killedAt >= confirmTimeout.toNanos()) {
                p.result.completeExceptionally(new GroupStopException(stuckMessage(p)));
                it.remove();
            }
        }
    }

    /** Sends {@code signal} to the request's group; returns what {@code kill(2)} said. */
    private Posix.KillResult signal(Pending p, Signal signal) {
        StopRequest r = p.request;
        Posix.KillResult result = Posix.killGroup(r.pgid(), signal);
        if (result == Posix.KillResult.NO_SUCH_PROCESS && !p.leaderGone()) {
            // Spawned an instant ago: the child has not called setsid yet, so its group does not exist.
            result = Posix.kill(r.pgid(), signal.number());
        }
        if (result == Posix.KillResult.NOT_PERMITTED) {
            p.result.completeExceptionally(new GroupStopException("stopping '" + r.label() + "' failed: "
                    + signal.name() + " to process group " + r.pgid() + " was not permitted (EPERM); the group "
                    + "belongs to another user"));
        }
        return result;
    }

    private String stuckMessage(Pending p) {
        StopRequest r = p.request;
        String members = ProcFs.liveMembers(r.pgid()).stream()
                .map(s -> s.pid() + " (" + s.comm() + ", state " + s.state() + ")")
                .collect(Collectors.joining(", "));
        return "stopping '" + r.label() + "' failed: process group " + r.pgid() + " still has live processes "
                + confirmTimeout.toMillis() + " ms after SIGKILL: " + (members.isEmpty() ? "(leader not reaped)" : members)
                + "; processes in state D wait for I/O (a hung NFS mount or device) and die when it returns";
    }

    private static final class Pending {
        final StopRequest request;
        final long start;
        final CompletableFuture<StopOutcome> result = new CompletableFuture<>();
        long killedAt;

        Pending(StopRequest request, long start) {
            this.request = request;
            this.start = start;
        }

        boolean leaderGone() {
            return request.leaderExit() == null || request.leaderExit().isDone();
        }

        void markKilled(long now) {
            killedAt = now == 0 ? 1 : now;
        }

        void finish() {
            result.complete(new StopOutcome(request.label(), killedAt != 0,
                    Duration.ofNanos(System.nanoTime() - start)));
        }
    }
}
