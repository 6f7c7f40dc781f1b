package dev.orchestrator.logs;

import dev.orchestrator.process.Epoll;
import dev.orchestrator.process.Posix;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * The one thread that moves every child pipe into its log file: a level-triggered epoll over all registered pipe read
 * ends (non-blocking). Each turn it reads at most one block (64 KiB, a whole default pipe) from each ready pipe and
 * writes it before going on, so a flooding child gets one block per turn like everyone else and a slow log file holds
 * the others up for one write at most. What a child leaves in its pipe stays there for the next turn (level-triggered).
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
     * The loop for the next pump. Pumps come in pairs (a child's stdout, then its stderr), and a pair shares a loop
     * while consecutive children alternate, so the floods of many children (on stdout) spread over the loops.
     */
    static PumpLoop next() {
        PumpLoop[] loops = Loops.ALL;
        return loops[(int) Math.floorMod(Loops.STARTED.getAndIncrement() / 2, loops.length)];
    }

    /** The loop threads' names. */
    static List<String> threadNames() {
        return IntStream.rangeClosed(1, Loops.ALL.length).mapToObj(i -> THREAD_NAME + "-" + i).toList();
    }

    /** Started on first use; two loops when there are two cores: one cannot write 2 GB/s of logs on its own. */
    private static final class Loops {
        static final AtomicLong STARTED = new AtomicLong();
        static final PumpLoop[] ALL = startAll(Math.min(MAX_LOOPS, Runtime.getRuntime().availableProcessors()));

        private static PumpLoop[] startAll(int n) {
            PumpLoop[] loops = new PumpLoop[n];
            for (int i = 0; i < n; i++) {
                loops[i] = start(THREAD_NAME + "-" + (i + 1));
            }
            return loops;
        }

        private static PumpLoop start(String name) {
            try {
                PumpLoop loop = new PumpLoop(Epoll.open(MAX_EVENTS));
                Thread.ofPlatform().name(name).daemon(true).stackSize(STACK_SIZE).start(loop::run);
                return loop;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the log pump loop: " + e.getMessage()
                        + "; too many open files? raise `ulimit -n`", e);
            }
        }
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
            int ready;
            try {
                ready = epoll.await(-1);
            } catch (IOException | RuntimeException e) {
                LOG.error("waiting for child output failed: {}; retrying", e.toString());
                pause();
                continue;
            }
            for (int i = 0; i < ready; i++) {
                long token = epoll.token(i);
                if (token == Epoll.WAKE) {
                    wakeUp();
                } else {
                    OutputPump pump = pumps.get(token);
                    if (pump != null) { // null: finished earlier in this turn
                        turn(pump);
                    }
                }
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
        epoll.close(pump.fd());
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
