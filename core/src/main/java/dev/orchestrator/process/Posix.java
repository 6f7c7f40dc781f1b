package dev.orchestrator.process;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few libc calls the JDK does not offer, through the FFM API: {@code kill(2)} (never a fork of /usr/bin/kill,
 * which costs ~6 ms), {@code pipe2(2)} and {@code close(2)}. Each call captures errno so ESRCH and EPERM can be told
 * apart. Needs {@code --enable-native-access=ALL-UNNAMED}.
 */
@SuppressWarnings("restricted")
public final class Posix {
    static final int EPERM = 1;
    static final int ESRCH = 3;
    private static final int O_CLOEXEC = 0x80000;

    static final Linker LINKER = Linker.nativeLinker();
    /** The call-state segment layout every {@link #downcall} handle takes as its first argument. */
    static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle KILL = downcall("kill",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle PIPE2 = downcall("pipe2",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE = downcall("close",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle GETPAGESIZE = LINKER.downcallHandle(
            LINKER.defaultLookup().find("getpagesize").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT));

    private static final long PAGE_SIZE = pageSize();

    private Posix() {
    }

    /** What a {@code kill(2)} did. */
    public enum KillResult {
        /** The signal was sent (to at least one process; zombies included). */
        SENT,
        /** ESRCH: no such process or group (not even a zombie). */
        NO_SUCH_PROCESS,
        /** EPERM: the target exists but belongs to someone else. */
        NOT_PERMITTED
    }

    /**
     * {@code kill(pid, sig)}. A signal number of 0 only checks existence.
     *
     * @throws IllegalArgumentException for pid 0, 1, -1 or any pid that would address more than one group by accident
     */
    public static KillResult kill(int pid, int signal) {
        if (pid == 0 || pid == 1 || pid == -1) {
            throw new IllegalArgumentException("refusing kill(" + pid + ", " + signal + "): it would signal "
                    + (pid == 1 ? "init" : "more than one process group"));
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int rc = (int) KILL.invokeExact(state, pid, signal);
            if (rc == 0) {
                return KillResult.SENT;
            }
            int errno = (int) ERRNO.get(state, 0L);
            return switch (errno) {
                case ESRCH -> KillResult.NO_SUCH_PROCESS;
                case EPERM -> KillResult.NOT_PERMITTED;
                default -> throw new IllegalStateException("kill(" + pid + ", " + signal + ") failed: errno " + errno);
            };
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("kill(" + pid + ", " + signal + ") failed", t);
        }
    }

    /** Signals every process of group {@code pgid} ({@code kill(-pgid, sig)}). */
    public static KillResult killGroup(int pgid, Signal signal) {
        requireGroup(pgid);
        return kill(-pgid, signal.number());
    }

    /** Whether group {@code pgid} has any process, zombies included ({@code kill(-pgid, 0)}). */
    public static boolean groupExists(int pgid) {
        requireGroup(pgid);
        return kill(-pgid, 0) != KillResult.NO_SUCH_PROCESS;
    }

    /** A new pipe with both ends close-on-exec: {@code [readFd, writeFd]}. */
    public static int[] pipe() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
            MemorySegment state = arena.allocate(CAPTURE);
            int rc = (int) PIPE2.invokeExact(state, fds, O_CLOEXEC);
            if (rc != 0) {
                throw new IllegalStateException("pipe2 failed: errno " + (int) ERRNO.get(state, 0L)
                        + "; too many open files? raise `ulimit -n`");
            }
            return new int[] {fds.getAtIndex(ValueLayout.JAVA_INT, 0), fds.getAtIndex(ValueLayout.JAVA_INT, 1)};
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("pipe2 failed", t);
        }
    }

    /** {@code close(fd)}, ignoring errors (only used on fds we created and own). */
    public static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            int ignored = (int) CLOSE.invokeExact(arena.allocate(CAPTURE), fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close(" + fd + ") failed", t);
        }
    }

    public static long pageSize() {
        if (PAGE_SIZE > 0) {
            return PAGE_SIZE;
        }
        try {
            return (int) GETPAGESIZE.invokeExact();
        } catch (Throwable t) {
            return 4096;
        }
    }

    private static void requireGroup(int pgid) {
        if (pgid <= 1) {
            throw new IllegalArgumentException("process group id must be > 1, was " + pgid);
        }
    }

    /** errno as captured by a {@link #downcall} handle into {@code state}. */
    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /**
     * A libc function's handle that captures errno: call it with a segment of {@link #CAPTURE} layout first, then read
     * {@link #errno(MemorySegment)}. Other classes of this package bind their calls through it.
     */
    static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new IllegalStateException("libc symbol '" + name + "' not found"));
        return LINKER.downcallHandle(symbol, descriptor, Linker.Option.captureCallState("errno"));
    }
}
