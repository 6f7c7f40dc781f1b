package dev.orchestrator.process;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One thread that reaps every child {@link NativeSpawn} started, where the JDK keeps a reaper thread per child: a
 * {@code pidfd_open(2)} per child, taken right after the spawn (race-free: the child stays a zombie until we wait for
 * it, so its pid cannot be reused), added by the spawning thread to one epoll set, and one platform thread blocked in
 * {@code epoll_wait(2)} on it. A readable pidfd means the child exited;
 * {@code waitid(P_PIDFD, fd, WEXITED)} reaps it and tells how: {@code CLD_EXITED} with its code, or
 * {@code CLD_KILLED}/{@code CLD_DUMPED} with the signal, so exit 137 and SIGKILL are no longer confused.
 *
 * <p>It waits only on its own pidfds, never {@code waitpid(-1)}: children the JDK started stay the JDK's to reap.
 *
 * <p>Threading: {@link #watch} may be called from any thread. The futures complete on the reaper thread, so
 * continuations must not block (use the async variants); a blocking continuation delays every other child's exit.
 */
final class ChildReaper {
    private static final int P_PIDFD = 3;
    private static final int WEXITED = 4;
    private static final int CLD_EXITED = 1;
    private static final int MAX_EVENTS = 64;
    private static final long SIGINFO_BYTES = 128;

    /** Null when this glibc lacks it (before 2.36). */
    private static final Libc.Function PIDFD_OPEN = Libc.find("pidfd_open").orElse(null);
    private static final Libc.Function WAITID = Libc.function("waitid");

    private static final String THREAD_NAME = "orchestrator-reaper";

    private record Watch(int pid, int pidfd, CompletableFuture<ExitStatus> exit) {
    }

    /** Created with the first child, so a JVM that never spawns (the CLI) has no reaper thread. */
    private static final class Holder {
        static final ChildReaper INSTANCE = new ChildReaper();
    }

    /** The watched children by pidfd: put before the pidfd enters the epoll set, removed before it is closed. */
    private final Map<Integer, Watch> watched = new ConcurrentHashMap<>();
    private final Epoll epoll;

    private ChildReaper() {
        try {
            this.epoll = Epoll.open(MAX_EVENTS);
        } catch (IOException e) {
            throw new IllegalStateException("the child reaper cannot start: " + e.getMessage(), e);
        }
        Thread.ofPlatform().name(THREAD_NAME).daemon(true).stackSize(256 * 1024).start(this::run);
    }

    /**
     * Whether pidfds work here: the symbols exist (glibc 2.36+) and {@code pidfd_open} works (Linux 5.3+;
     * {@code waitid(P_PIDFD)} needs 5.4, which every supported distribution has). Asked once, by {@link NativeSpawn}.
     */
    static boolean supported() {
        if (PIDFD_OPEN == null) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            int self = (int) ProcessHandle.current().pid();
            int fd = Libc.toInt(PIDFD_OPEN.call(arena.allocate(Libc.CAPTURE), self, 0));
            if (fd < 0) {
                return false;
            }
            Posix.close(fd);
            return true;
        }
    }

    /** Starts the reaper thread now rather than with the first child. */
    static void start() {
        Objects.requireNonNull(Holder.INSTANCE);
    }

    /**
     * Watches {@code pid}, our direct child that nobody has waited for: the future completes with its exit status on
     * the reaper thread once it has been reaped.
     *
     * @throws IllegalStateException when no pidfd can be opened (too many open files); the caller must then kill and
     *                               reap the child itself
     */
    static CompletableFuture<ExitStatus> watch(int pid) {
        int pidfd = openFd("pidfd_open(" + pid + ")", st -> Libc.toInt(PIDFD_OPEN.call(st, pid, 0)));
        ChildReaper reaper = Holder.INSTANCE;
        Watch w = new Watch(pid, pidfd, new CompletableFuture<>());
        reaper.watched.put(pidfd, w);
        try {
            reaper.epoll.add(pidfd, token(pidfd));
        } catch (IOException e) {
            reaper.watched.remove(pidfd);
            Posix.close(pidfd);
            throw new IllegalStateException("watching child " + pid + " failed: " + e.getMessage(), e);
        }
        return w.exit;
    }

    /** {@code waitid(P_PID, pid, WEXITED)}: reaps a child that {@link #watch} could not take. */
    static void reapNow(int pid) {
        try (Arena arena = Arena.ofConfined()) {
            WAITID.call(arena.allocate(Libc.CAPTURE), 1, pid, arena.allocate(SIGINFO_BYTES, 8).address(), WEXITED);
        }
    }

    private void run() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.CAPTURE);
            MemorySegment info = arena.allocate(SIGINFO_BYTES, 8);
            while (true) {
                int n = epoll.await(-1);
                for (int i = 0; i < n; i++) {
                    long token = epoll.token(i);
                    Watch w = token == Epoll.WAKE ? null : watched.remove(pidfd(token));
                    if (w != null) {
                        reap(w, state, info);
                    }
                }
            }
        } catch (Throwable t) {
            // Cannot happen short of a JVM bug; fail the waiters loudly rather than leave them hanging forever.
            IllegalStateException failure = new IllegalStateException("the child reaper failed", t);
            watched.values().forEach(w -> w.exit.completeExceptionally(failure));
            throw failure;
        }
    }

    private static void reap(Watch w, MemorySegment state, MemorySegment info) {
        info.fill((byte) 0);
        int rc = Libc.toInt(WAITID.call(state, P_PIDFD, w.pidfd, info.address(), WEXITED));
        int errno = Libc.errno(state);
        Posix.close(w.pidfd);
        if (rc != 0) {
            w.exit.completeExceptionally(new IllegalStateException("waitid for child " + w.pid + " failed: errno "
                    + errno + "; something else reaped it (a waitpid(-1) in this JVM)"));
            return;
        }
        w.exit.complete(exitStatus(info.get(ValueLayout.JAVA_INT, 8), info.get(ValueLayout.JAVA_INT, 24),
                Instant.now()));
    }

    /** From siginfo's {@code si_code} and {@code si_status}. */
    static ExitStatus exitStatus(int code, int status, Instant at) {
        if (code == CLD_EXITED) {
            return ExitStatus.exited(status, at);
        }
        // Killed or dumped core. A real-time signal has no constant: reported as a shell would, 128+n.
        return Signal.ofNumber(status).map(s -> ExitStatus.killed(s, at))
                .orElseGet(() -> ExitStatus.exited(128 + status, at));
    }

    /** Never {@link Epoll#WAKE} (0), even for a pidfd of 0 in a process started with stdin closed. */
    private static long token(int pidfd) {
        return pidfd + 1L;
    }

    private static int pidfd(long token) {
        return (int) (token - 1);
    }

    private interface FdCall {
        int call(MemorySegment state);
    }

    /** Runs a call that returns a new fd or -1; a failure names the call and errno. */
    private static int openFd(String what, FdCall body) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.CAPTURE);
            int fd = body.call(state);
            if (fd < 0) {
                throw new IllegalStateException(what + " failed: " + NativeSpawn.describe(Libc.errno(state))
                        + "; too many open files? raise `ulimit -n`");
            }
            return fd;
        }
    }
}
