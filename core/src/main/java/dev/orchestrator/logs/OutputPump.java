package dev.orchestrator.logs;

import dev.orchestrator.process.Posix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one child stream (a pipe) into its log file. No thread of its own: a {@link PumpLoop} thread (one of two for all
 * children) reads the pipe when it has data, one block (up to 64 KiB) per turn, and writes each block with one
 * {@code write(2)}.
 *
 * <p>Raw mode writes the bytes as read, so the file holds the child's exact byte stream. Line mode (a date prefix,
 * merged instances, or stdout and stderr in one file) writes whole lines only, so writers sharing a file never tear a
 * line. Either way a last line without a newline gets one at end of stream, so the next start's first line is not
 * glued to it. A write failure (disk full) is logged and the pump keeps draining the pipe so the child never blocks.
 *
 * <p>Threading: everything but {@link #start}, {@link #done} and {@link #abort} runs on its loop's thread. {@link #done}
 * completes there too: its dependents must be quick or run {@code *Async} (the supervisor's are).
 */
public final class OutputPump {
    private static final Logger LOG = LoggerFactory.getLogger(OutputPump.class);

    private final String name;
    private final int fd;
    private final LogSink sink;
    private final LogFiles files;
    private final LineFramer framer;
    private final RecentLines recent;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile long id;
    private volatile PumpLoop loop;
    private boolean writeFailed;

    private OutputPump(String name, int fd, LogSink sink, LogFiles files, LineFramer framer, RecentLines recent) {
        this.name = name;
        this.fd = fd;
        this.sink = sink;
        this.files = files;
        this.framer = framer;
        this.recent = recent;
    }

    /**
     * Starts pumping the pipe read end {@code fd} into {@code sink}. The pump owns both: it closes the pipe (also when
     * this throws) and releases the sink at end of stream.
     *
     * @param name       for messages, e.g. {@code pump-api-1-out}
     * @param lineMode   write whole lines only
     * @param dateFormat prefix each line with this timestamp (implies line mode), or null
     * @param recent     where to keep the last lines (stderr), or null
     * @throws IOException when the pipe cannot be watched (too many open files)
     */
    public static OutputPump start(String name, int fd, LogSink sink, LogFiles files,
            boolean lineMode, DateTimeFormatter dateFormat, Clock clock, RecentLines recent) throws IOException {
        LineFramer framer = lineMode || dateFormat != null ? new LineFramer(dateFormat, clock) : null;
        OutputPump pump = new OutputPump(name, fd, sink, files, framer, recent);
        try {
            try {
                pump.loop = PumpLoop.next();
            } catch (IOException e) {
                Posix.close(fd);
                throw e;
            }
            pump.loop.register(pump);
        } catch (IOException e) {
            throw new IOException("output pump '" + name + "' failed to start: " + e.getMessage(), e);
        }
        return pump;
    }

    /** Completes once the stream ended (every holder of the pipe's write end closed it) and all was written. */
    public CompletableFuture<Void> done() {
        return done;
    }

    /** Stops reading now (for shutdown when a stray process still holds the pipe open); {@link #done} follows. */
    public void abort() {
        if (!done.isDone()) {
            loop.abort(this);
        }
    }

    int fd() {
        return fd;
    }

    long id() {
        return id;
    }

    void registered(long id) {
        this.id = id;
    }

    LogSink sink() {
        return sink;
    }

    /** Writes one block read from the pipe (position to limit); on the loop thread. */
    void pass(ByteBuffer block) {
        if (recent != null) {
            recent.feed(block);
        }
        write(framer == null ? block : framer.frame(block));
    }

    /** End of stream or abort (the loop closed the pipe): the unfinished last line, then release; on the loop. */
    void finish() {
        try {
            if (framer != null) {
                write(framer.finish());
            } else if (!sink.endsWithNewline()) {
                write(ByteBuffer.wrap(new byte[] {'\n'}));
            }
        } finally {
            try {
                files.release(sink);
            } finally {
                done.complete(null);
            }
        }
    }

    private void write(ByteBuffer data) {
        if (!data.hasRemaining()) {
            return;
        }
        try {
            sink.append(data);
        } catch (IOException e) {
            if (!writeFailed) {
                writeFailed = true;
                LOG.warn("writing log file {} failed: {}; output is dropped until it works again", sink.path(),
                        e.toString());
            }
            data.position(data.limit());
        }
    }
}
