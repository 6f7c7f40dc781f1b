package dev.orchestrator.process;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One level-triggered {@code epoll(7)} instance plus an {@code eventfd} to wake it, through {@link Libc}, so one thread
 * can read many pipes: {@code epoll_create1}, {@code epoll_ctl}, {@code epoll_wait}, {@code read}, {@code fcntl}.
 *
 * <p>Threading: {@link #add}, {@link #remove}, {@link #wake} and {@link #setNonBlocking} may be called from any thread
 * (the kernel serializes {@code epoll_ctl}); {@link #await}, {@link #token}, {@link #read}, {@link #clearWake} and
 * {@link #close(int)} only from the one thread that waits, because they share its preallocated buffers.
 */
public final class Epoll implements AutoCloseable {
    /** The token {@link #await} reports for a {@link #wake}; register fds with other tokens. */
    public static final long WAKE = 0;

    private static final int EPOLL_CLOEXEC = 0x80000;
    private static final int EFD_CLOEXEC = 0x80000;
    private static final int EFD_NONBLOCK = 0x800;
    private static final int EPOLL_CTL_ADD = 1;
    private static final int EPOLL_CTL_DEL = 2;
    private static final int EPOLLIN = 0x001;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int O_NONBLOCK = 0x800;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int ENOENT = 2;
    private static final int EBADF = 9;

    /** {@code struct epoll_event} is packed on x86-64 (12 bytes) and naturally aligned elsewhere (16). */
    private static final boolean PACKED = switch (System.getProperty("os.arch")) {
        case "amd64", "x86_64" -> true;
        default -> false;
    };
    private static final long EVENT_SIZE = PACKED ? 12 : 16;
    private static final long DATA_OFFSET = PACKED ? 4 : 8;

    private static final Libc.Function EPOLL_CREATE1 = Libc.function("epoll_create1");
    private static final Libc.Function EPOLL_CTL = Libc.function("epoll_ctl");
    private static final Libc.Function EPOLL_WAIT = Libc.function("epoll_wait");
    private static final Libc.Function EVENTFD = Libc.function("eventfd");
    private static final Libc.Function READ = Libc.function("read");
    private static final Libc.Function WRITE = Libc.function("write");
    private static final Libc.Function FCNTL = Libc.function("fcntl");

    private final Arena arena = Arena.ofShared();
    private final int epfd;
    private final int wakeFd;
    private final int maxEvents;
    /** Used by the waiting thread only. */
    private final MemorySegment events;
    private final MemorySegment state;
    private final MemorySegment counter;

    private Epoll(int epfd, int wakeFd, int maxEvents) {
        this.epfd = epfd;
        this.wakeFd = wakeFd;
        this.maxEvents = maxEvents;
        this.events = arena.allocate(EVENT_SIZE * maxEvents, 8);
        this.state = arena.allocate(Libc.CAPTURE);
        this.counter = arena.allocate(ValueLayout.JAVA_LONG);
    }

    /** A new epoll instance (close-on-exec) reporting up to {@code maxEvents} ready fds per {@link #await}. */
    public static Epoll open(int maxEvents) throws IOException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment st = call.allocate(Libc.CAPTURE);
            int epfd = Libc.toInt(EPOLL_CREATE1.call(st, EPOLL_CLOEXEC));
            if (epfd < 0) {
                throw failure("epoll_create1", Libc.errno(st));
            }
            int wakeFd = Libc.toInt(EVENTFD.call(st, 0, EFD_CLOEXEC | EFD_NONBLOCK));
            if (wakeFd < 0) {
                int errno = Libc.errno(st);
                Posix.close(epfd);
                throw failure("eventfd", errno);
            }
            Epoll epoll = new Epoll(epfd, wakeFd, maxEvents);
            try {
                epoll.add(wakeFd, WAKE);
            } catch (IOException e) {
                epoll.close();
                throw e;
            }
            return epoll;
        }
    }

    /** Sets {@code O_NONBLOCK} on {@code fd} (its open file description: the other end of a pipe keeps its mode). */
    public static void setNonBlocking(int fd) throws IOException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment st = call.allocate(Libc.CAPTURE);
            int flags = Libc.toInt(FCNTL.call(st, fd, F_GETFL));
            if (flags < 0 || Libc.toInt(FCNTL.call(st, fd, F_SETFL, flags | O_NONBLOCK)) < 0) {
                throw failure("fcntl(" + fd + ", O_NONBLOCK)", Libc.errno(st));
            }
        }
    }

    /** Watches {@code fd} for input (level-triggered); {@link #await} reports it as {@code token} (not {@link #WAKE}). */
    public void add(int fd, long token) throws IOException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment st = call.allocate(Libc.CAPTURE);
            MemorySegment event = call.allocate(EVENT_SIZE, 8);
            event.set(ValueLayout.JAVA_INT, 0, EPOLLIN);
            event.set(ValueLayout.JAVA_LONG_UNALIGNED, DATA_OFFSET, token);
            if (Libc.toInt(EPOLL_CTL.call(st, epfd, EPOLL_CTL_ADD, fd, event.address())) < 0) {
                throw failure("epoll_ctl(ADD " + fd + ")", Libc.errno(st));
            }
        }
    }

    /** Stops watching {@code fd}; a no-op when it is not watched. Call before closing it. */
    public void remove(int fd) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment st = call.allocate(Libc.CAPTURE);
            if (Libc.toInt(EPOLL_CTL.call(st, epfd, EPOLL_CTL_DEL, fd, 0)) < 0) {
                int errno = Libc.errno(st);
                if (errno != ENOENT && errno != EBADF) {
                    throw new IllegalStateException("epoll_ctl(DEL " + fd + ") failed: errno " + errno);
                }
            }
        }
    }

    /**
     * Waits up to {@code timeoutMillis} (-1: forever) for ready fds; returns how many (0 on timeout or a signal).
     * Their tokens are {@link #token(int)} for 0 to the count.
     */
    public int await(int timeoutMillis) throws IOException {
        int n = Libc.toInt(EPOLL_WAIT.call(state, epfd, events.address(), maxEvents, timeoutMillis));
        if (n < 0) {
            int errno = Libc.errno(state);
            if (errno == EINTR) {
                return 0;
            }
            throw failure("epoll_wait", errno);
        }
        return n;
    }

    /** The token of the {@code i}-th fd the last {@link #await} reported. */
    public long token(int i) {
        return events.get(ValueLayout.JAVA_LONG_UNALIGNED, i * EVENT_SIZE + DATA_OFFSET);
    }

    /**
     * {@code read(fd)} into {@code buffer} (up to its size): the byte count, 0 at end of file, -1 when nothing is
     * there yet (a non-blocking fd).
     */
    public long read(int fd, MemorySegment buffer) throws IOException {
        while (true) {
            long n = READ.call(state, fd, buffer.address(), buffer.byteSize());
            if (n >= 0) {
                return n;
            }
            int errno = Libc.errno(state);
            if (errno == EAGAIN) {
                return -1;
            }
            if (errno != EINTR) {
                throw failure("read(" + fd + ")", errno);
            }
        }
    }

    /** Makes the waiting thread's {@link #await} return with a {@link #WAKE} token; from any thread. */
    public void wake() {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment one = call.allocate(ValueLayout.JAVA_LONG);
            one.set(ValueLayout.JAVA_LONG, 0, 1L);
            // EAGAIN means the counter is already huge: a wake-up is pending anyway
            WRITE.call(call.allocate(Libc.CAPTURE), wakeFd, one.address(), 8);
        }
    }

    /** Resets the wake-up counter (after a {@link #WAKE} token), so level-triggered epoll stops reporting it. */
    public void clearWake() throws IOException {
        read(wakeFd, counter);
    }

    /** Closes the epoll and eventfd descriptors (not the watched fds). No other call may run concurrently. */
    @Override
    public void close() {
        Posix.close(wakeFd);
        Posix.close(epfd);
        arena.close();
    }

    private static IOException failure(String call, int errno) {
        String hint = errno == 24 || errno == 23 ? "; too many open files? raise `ulimit -n`"
                : errno == 28 ? "; raise /proc/sys/fs/epoll/max_user_watches" : "";
        return new IOException(call + " failed: errno " + errno + hint);
    }
}
