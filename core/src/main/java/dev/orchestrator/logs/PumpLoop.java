package dev.orchestrator.logs;

import dev.orchestrator.process.Epoll;
import dev.orchestrator.process.Posix;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that moves many child pipes into their log files (two of them share all children, see {@link #next}): a
 * level-triggered epoll over its registered pipe read ends (non-blocking). Each turn it reads at most one block (64
 * KiB, a whole default pipe) from each ready pipe and writes it before going on, so a flooding child gets one block per
 * turn like everyone else and a slow log file holds the others up for one write at most. What a child leaves in its
 * pipe stays there for the next turn (level-triggered).
 *
 * <p>One read buffer serves every pipe (the loop reads one at a time), so an idle app costs no buffer at all.
 * Registration is a direct {@code epoll_ctl} from the caller; aborts are queued and signalled through the eventfd, so
 * only this thread ever closes a pipe (no fd number can be reused under a read).
 */
final class PumpLoop {
    private static final Logger LOG = LoggerFactory.getLogger(PumpLoop.class);
    static final String THREAD_NAME = "orchestrator-pumps";
    private static final int BLOCK = 64 << 10;
    private static final int MAX_EVENTS = 256;
    private static final int MAX_LOOPS = 2;
    private static final long STACK_SIZE = 256 << 10;

    private static final AtomicLong STARTED = new AtomicLong();
    private static volatile PumpLoop[] loops;

    private final Epoll epoll;
    private final ConcurrentHashMap<Long, OutputPump> pumps = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<OutputPump> aborts = new ConcurrentLinkedQueue<>();
    private final AtomicLong ids = new AtomicLong(Epoll.WAKE);
    private final ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
    private final MemorySegment blockSegment = MemorySegment.ofBuffer(block);

    private PumpLoop(Epoll epoll) {
        this.epoll = epoll;
    }

    /**
     * The loop for the next pump, starting the loops on first use (again after a failed start). Pumps come in pairs (a
     * child's stdout, then its stderr): a pair shares a loop and consecutive children alternate, so the floods of many
     * children (on stdout) spread over the loops.
     */
    static PumpLoop next() throws IOException {
        PumpLoop[] all = loops;
        if (all == null) {
            all = startLoops();
        }
        return all[(int) Math.floorMod(STARTED.getAndIncrement() / 2, all.length)];
    }

    /** The loop threads' names (starting them if needed). */
    static List<String> threadNames() throws IOException {
        int n = (loops == null ? startLoops() : loops).length;
        return IntStream.rangeClosed(1, n).mapToObj(i -> THREAD_NAME + "-" + i).toList();
    }

    /** Two loops when there are two cores: one cannot write 2 GB/s of logs on its own (600 ms of CPU per GB). */
    private static synchronized PumpLoop[] startLoops() throws IOException {
        if (loops != null) {
            return loops;
        }
        int n = Math.min(MAX_LOOPS, Runtime.getRuntime().availableProcessors());
        Epoll[] epolls = new Epoll[n];
        try {
            for (int i = 0; i < n; i++) {
                epolls[i] = Epoll.open(MAX_EVENTS);
            }
        } catch (IOException e) {
            for (Epoll epoll : epolls) {
                if (epoll != null) {
                    epoll.close();
                }
            }
            throw new IOException("cannot start the log pump loops: " + e.getMessage(), e);
        }
        PumpLoop[] all = new PumpLoop[n];
        for (int i = 0; i < n; i++) {
            all[i] = new PumpLoop(epolls[i]);
            Thread.ofPlatform().name(THREAD_NAME + "-" + (i + 1)).daemon(true).stackSize(STACK_SIZE)
                    .start(all[i]::run);
        }
        loops = all;
        return all;
    }

    /** Makes {@code fd} non-blocking and watches it; the loop owns it from now on (also when this throws). */
    void register(OutputPump pump) throws IOException {
        long id = ids.incrementAndGet();
        pump.registered(id);
        pumps.put(id, pump);
        try {
            Epoll.setNonBlocking(pump.fd());
            epoll.add(pump.fd(), id);
        } catch (IOException | RuntimeException e) {
            pumps.remove(id);
            Posix.close(pump.fd());
            throw e;
        }
    }

    /** Asks the loop to stop reading {@code pump} and finish it; from any thread. */
    void abort(OutputPump pump) {
        aborts.add(pump);
        epoll.wake();
    }

    private void run() {
        while (true) {
            serveReady();
        }
    }

    /**
     * One wait and one turn for each ready pipe. A method of its own so that the JIT compiles it after a few hundred
     * turns: the same code as the body of {@link #run}'s loop would stay interpreted until on-stack replacement, after
     * tens of thousands of iterations.
     */
    private void serveReady() {
        int ready;
        try {
            ready = epoll.await(-1);
        } catch (IOException | RuntimeException e) {
            LOG.error("waiting for child output failed: {}; retrying", e.toString());
            pause();
            return;
        }
        for (int i = 0; i < ready; i++) {
            long token = epoll.token(i);
            try {
                if (token == Epoll.WAKE) {
                    wakeUp();
                } else {
                    OutputPump pump = pumps.get(token);
                    if (pump != null) { // null: finished earlier in this turn
                        turn(pump);
                    }
                }
            } catch (RuntimeException | Error e) {
                // the loop must survive: every child on it would block on a full pipe
                LOG.error("pump loop {} failed on one pipe: {}", Thread.currentThread().getName(), e.toString());
            }
        }
    }

    /** One block from the pipe into the file, or the end of the stream. */
    private void turn(OutputPump pump) {
        long n;
        try {
            block.clear();
            n = epoll.read(pump.fd(), blockSegment);
        } catch (IOException | RuntimeException e) {
            LOG.warn("reading output for {} failed: {}", pump.sink().path(), e.toString());
            n = 0;
        }
        if (n > 0) {
            block.limit((int) n);
            try {
                pump.pass(block);
            } catch (RuntimeException | Error e) {
                LOG.error("pumping output for {} failed; it stops: {}", pump.sink().path(), e.toString());
                n = 0;
            }
        }
        if (n == 0) {
            finish(pump);
        }
    }

    private void wakeUp() {
        try {
            epoll.clearWake();
        } catch (IOException e) {
            LOG.warn("resetting the pump loop's eventfd failed: {}", e.toString());
        }
        OutputPump pump;
        while ((pump = aborts.poll()) != null) {
            if (pumps.containsKey(pump.id())) {
                finish(pump);
            }
        }
    }

    private void finish(OutputPump pump) {
        pumps.remove(pump.id());
        try {
            epoll.remove(pump.fd());
        } catch (RuntimeException e) {
            LOG.warn("unwatching output for {} failed: {}", pump.sink().path(), e.toString());
        }
        Posix.close(pump.fd());
        pump.finish();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
