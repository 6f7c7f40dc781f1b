package dev.orchestrator.process;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The few libc calls the JDK does not offer, through {@link Libc}: {@code kill(2)} (never a fork of /usr/bin/kill,
 * which costs ~6 ms), {@code pipe2(2)}, {@code close(2)} and {@code malloc_trim(3)}. Each call captures errno so
 * ESRCH and EPERM can be told apart. Needs {@code --enable-native-access=ALL-UNNAMED}.
 */
public final class Posix {
    static final int EPERM = 1;
    static final int ESRCH = 3;
    private static final int O_CLOEXEC = 0x80000;

    private static final Libc.Function KILL = Libc.function("kill");
    private static final Libc.Function PIPE2 = Libc.function("pipe2");
    private static final Libc.Function CLOSE = Libc.function("close");
    private static final Libc.Function GETPAGESIZE = Libc.function("getpagesize");
    /** glibc's; other libcs have none. */
    private static final Libc.Function MALLOC_TRIM = Libc.find("malloc_trim").orElse(null);

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
            MemorySegment state = arena.allocate(Libc.CAPTURE);
            if (Libc.toInt(KILL.call(state, pid, signal)) == 0) {
                return KillResult.SENT;
            }
            int errno = Libc.errno(state);
            return switch (errno) {
                case ESRCH -> KillResult.NO_SUCH_PROCESS;
                case EPERM -> KillResult.NOT_PERMITTED;
                default -> throw new IllegalStateException("kill(" + pid + ", " + signal + ") failed: errno " + errno);
            };
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
            MemorySegment state = arena.allocate(Libc.CAPTURE);
            if (Libc.toInt(PIPE2.call(state, fds.address(), O_CLOEXEC)) != 0) {
                throw new IllegalStateException("pipe2 failed: errno " + Libc.errno(state)
                        + "; too many open files? raise `ulimit -n`");
            }
            return new int[] {fds.getAtIndex(ValueLayout.JAVA_INT, 0), fds.getAtIndex(ValueLayout.JAVA_INT, 1)};
        }
    }

    /** {@code close(fd)}, ignoring errors (only used on fds we created and own). */
    public static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            CLOSE.call(arena.allocate(Libc.CAPTURE), fd);
        }
    }

    public static long pageSize() {
        if (PAGE_SIZE > 0) {
            return PAGE_SIZE;
        }
        try (Arena arena = Arena.ofConfined()) {
            return Libc.toInt(GETPAGESIZE.call(arena.allocate(Libc.CAPTURE)));
        }
    }

    /**
     * Gives the C heap's free memory back to the system ({@code malloc_trim(0)}); a no-op without glibc. glibc keeps
     * what a burst of work freed (the JVM's start-up, class linking, parsing) for later mallocs that a quiet
     * orchestrator never makes: ~5 MB of its resident memory.
     */
    public static void trimNativeHeap() {
        if (MALLOC_TRIM != null) {
            try (Arena arena = Arena.ofConfined()) {
                MALLOC_TRIM.call(arena.allocate(Libc.CAPTURE), 0);
            }
        }
    }

    private static void requireGroup(int pgid) {
        if (pgid <= 1) {
            throw new IllegalArgumentException("process group id must be > 1, was " + pgid);
        }
    }
}
