package dev.orchestrator.process;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One thread that reaps every child {@link NativeSpawn} started, where the JDK keeps a reaper thread per child: a
 * {@code pidfd_open(2)} per child, taken right after the spawn (race-free: the child stays a zombie until we wait for
 * it, so its pid cannot be reused), and one platform thread blocked in {@code poll(2)} over all of them plus an
 * eventfd that wakes it for new children. A readable pidfd means the child exited;
 * {@code waitid(P_PIDFD, fd, WEXITED)} reaps it and tells how: {@code CLD_EXITED} with its code, or
 * {@code CLD_KILLED}/{@code CLD_DUMPED} with the signal, so exit 137 and SIGKILL are no longer confused.
 *
 * <p>It waits only on its own pidfds, never {@code waitpid(-1)}: children the JDK started stay the JDK's to reap.
 *
 * <p>Threading: {@link #watch} may be called from any thread. The futures complete on the reaper thread, so
 * continuations must not block (use the async variants); a blocking continuation delays every other child's exit.
 */
@SuppressWarnings("restricted")
final class ChildReaper {
    private static final int P_PIDFD = 3;
    private static final int WEXITED = 4;
    private static final int WNOHANG = 1;
    private static final int CLD_EXITED = 1;
    private static final int EINTR = 4;
    private static final int EINVAL = 22;
    private static final int EFD_CLOEXEC = 0x80000;
    private static final short POLLIN = 0x1;
    private static final long SIGINFO_BYTES = 128;
    private static final long POLLFD_BYTES = 8;

    private static final MethodHandle PIDFD_OPEN = bindOrNull("pidfd_open",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle WAITID = bindOrNull("waitid", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle POLL = bindOrNull("poll", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle EVENTFD = bindOrNull("eventfd",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle READ = bindOrNull("read", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle WRITE = bindOrNull("write", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));

    private static final String THREAD_NAME = "orchestrator-reaper";

    private record Watch(int pid, int pidfd, CompletableFuture<ExitStatus> exit) {
    }

    /** Created with the first child, so a JVM that never spawns (the CLI) has no reaper thread. */
    private static final class Holder {
        static final ChildReaper INSTANCE = new ChildReaper();
    }

    private final ConcurrentLinkedQueue<Watch> incoming = new ConcurrentLinkedQueue<>();
    private final int wakeFd;

    private ChildReaper() {
        this.wakeFd = openFd("eventfd", st -> (int) EVENTFD.invokeExact(st, 0, EFD_CLOEXEC));
        Thread.ofPlatform().name(THREAD_NAME).daemon(true).stackSize(256 * 1024).start(this::run);
    }

    /**
     * Whether pidfds work here: the symbols exist (glibc 2.36+), {@code pidfd_open} works (Linux 5.3+) and
     * {@code waitid} knows {@code P_PIDFD} (Linux 5.4+). Asked once, by {@link NativeSpawn}.
     */
    static boolean supported() {
        if (PIDFD_OPEN == null || WAITID == null || POLL == null || EVENTFD == null || READ == null || WRITE == null) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Posix.CAPTURE);
            int fd = (int) PIDFD_OPEN.invokeExact(state, (int) ProcessHandle.current().pid(), 0);
            if (fd < 0) {
                return false;
            }
            try {
                // Not our child: ECHILD where P_PIDFD is known, EINVAL on Linux 5.3.
                int rc = (int) WAITID.invokeExact(state, P_PIDFD, fd, arena.allocate(SIGINFO_BYTES, 8),
                        WEXITED | WNOHANG);
                return rc == 0 || Posix.errno(state) != EINVAL;
            } finally {
                Posix.close(fd);
            }
        } catch (Throwable t) {
            return false;
        }
    }

    /**
     * Watches {@code pid}, our direct child that nobody has waited for: the future completes with its exit status on
     * the reaper thread once it has been reaped.
     *
     * @throws IllegalStateException when no pidfd can be opened (too many open files); the caller must then kill and
     *                               reap the child itself
     */
    static CompletableFuture<ExitStatus> watch(int pid) {
        int pidfd = openFd("pidfd_open(" + pid + ")", st -> (int) PIDFD_OPEN.invokeExact(st, pid, 0));
        ChildReaper reaper = Holder.INSTANCE;
        Watch w = new Watch(pid, pidfd, new CompletableFuture<>());
        reaper.incoming.add(w);
        reaper.wake();
        return w.exit;
    }

    /** {@code waitid(P_PID, pid, WEXITED)}: reaps a child that {@link #watch} could not take. */
    static void reapNow(int pid) {
        try (Arena arena = Arena.ofConfined()) {
            int ignored = (int) WAITID.invokeExact(arena.allocate(Posix.CAPTURE), 1, pid,
                    arena.allocate(SIGINFO_BYTES, 8), WEXITED);
        } catch (Throwable t) {
            throw new IllegalStateException("waitid(" + pid + ") failed", t);
        }
    }

    private void wake() {
        try (Arena arena = Arena.ofConfined()) {
            long ignored = (long) WRITE.invokeExact(arena.allocate(Posix.CAPTURE), wakeFd,
                    arena.allocateFrom(ValueLayout.JAVA_LONG, 1L), 8L);
        } catch (Throwable t) {
            throw new IllegalStateException("waking the reaper failed", t);
        }
    }

    private void run() {
        List<Watch> watched = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Posix.CAPTURE);
            MemorySegment info = arena.allocate(SIGINFO_BYTES, 8);
            MemorySegment counter = arena.allocate(ValueLayout.JAVA_LONG);
            MemorySegment fds = arena.allocate(POLLFD_BYTES * 64, 8);
            while (true) {
                for (Watch w; (w = incoming.poll()) != null; ) {
                    watched.add(w);
                }
                if (fds.byteSize() < POLLFD_BYTES * (watched.size() + 1)) {
                    fds = arena.allocate(POLLFD_BYTES * (watched.size() + 1) * 2, 8);
                }
                pollfd(fds, 0, wakeFd);
                for (int i = 0; i < watched.size(); i++) {
                    pollfd(fds, i + 1, watched.get(i).pidfd);
                }
                int n = (int) POLL.invokeExact(state, fds, (long) watched.size() + 1, -1);
                if (n < 0) {
                    if (Posix.errno(state) != EINTR) {
                        throw new IllegalStateException("poll failed: errno " + Posix.errno(state));
                    }
                    continue;
                }
                if (revents(fds, 0) != 0) {
                    long ignored = (long) READ.invokeExact(state, wakeFd, counter, 8L);
                }
                List<Watch> exited = new ArrayList<>();
                for (int i = watched.size() - 1; i >= 0; i--) {
                    if (revents(fds, i + 1) != 0) {
                        exited.add(watched.remove(i));
                    }
                }
                for (Watch w : exited) {
                    reap(w, state, info);
                }
            }
        } catch (Throwable t) {
            // Cannot happen short of a JVM bug; fail the waiters loudly rather than leave them hanging forever.
            IllegalStateException failure = new IllegalStateException("the child reaper failed", t);
            watched.forEach(w -> w.exit.completeExceptionally(failure));
            incoming.forEach(w -> w.exit.completeExceptionally(failure));
            throw failure;
        }
    }

    private static void reap(Watch w, MemorySegment state, MemorySegment info) throws Throwable {
        info.fill((byte) 0);
        int rc = (int) WAITID.invokeExact(state, P_PIDFD, w.pidfd, info, WEXITED);
        int errno = Posix.errno(state);
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

    private static void pollfd(MemorySegment fds, int index, int fd) {
        long base = index * POLLFD_BYTES;
        fds.set(ValueLayout.JAVA_INT, base, fd);
        fds.set(ValueLayout.JAVA_SHORT, base + 4, POLLIN);
        fds.set(ValueLayout.JAVA_SHORT, base + 6, (short) 0);
    }

    private static short revents(MemorySegment fds, int index) {
        return fds.get(ValueLayout.JAVA_SHORT, index * POLLFD_BYTES + 6);
    }

    private static MethodHandle bindOrNull(String name, FunctionDescriptor descriptor) {
        try {
            return Posix.downcall(name, descriptor);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    private interface FdCall {
        int call(MemorySegment state) throws Throwable;
    }

    /** Runs a call that returns a new fd or -1; a failure names the call and errno. */
    private static int openFd(String what, FdCall body) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Posix.CAPTURE);
            int fd = body.call(state);
            if (fd < 0) {
                throw new IllegalStateException(what + " failed: " + NativeSpawn.describe(Posix.errno(state))
                        + "; too many open files? raise `ulimit -n`");
            }
            return fd;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(what + " failed", t);
        }
    }
}
