package dev.orchestrator.logs;

import dev.orchestrator.process.Posix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.FileChannel;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one child stream (a pipe) into its log file on a platform thread with a small stack. Not a virtual thread: a
 * blocking pipe read pins the carrier, and with one per stream apps beyond ~128 stall. Reads in blocks that grow from
 * 4 KiB to 64 KiB while the child floods (idle apps stay cheap) and writes each block with one {@code write(2)}.
 *
 * <p>Raw mode writes the bytes as read, so the file holds the child's exact byte stream. Line mode (a date prefix,
 * merged instances, or stdout and stderr in one file) writes whole lines only, so writers sharing a file never tear a
 * line. Either way a last line without a newline gets one at end of stream, so the next start's first line is not
 * glued to it. A write failure (disk full) is logged and the pump keeps draining the pipe so the child never blocks.
 */
public final class OutputPump {
    private static final Logger LOG = LoggerFactory.getLogger(OutputPump.class);
    private static final int MIN_BLOCK = 4 << 10;
    private static final int MAX_BLOCK = 64 << 10;
    private static final long STACK_SIZE = 256 << 10;

    private final FileChannel source;
    private final LogSink sink;
    private final LogFiles files;
    private final LineFramer framer;
    private final RecentLines recent;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private boolean writeFailed;

    private OutputPump(FileChannel source, LogSink sink, LogFiles files, LineFramer framer, RecentLines recent) {
        this.source = source;
        this.sink = sink;
        this.files = files;
        this.framer = framer;
        this.recent = recent;
    }

    /**
     * Starts pumping the pipe read end {@code fd} into {@code sink}. The pump owns both: it closes the pipe and
     * releases the sink at end of stream.
     *
     * @param threadName e.g. {@code pump-api-1-out}
     * @param lineMode   write whole lines only
     * @param dateFormat prefix each line with this timestamp (implies line mode), or null
     * @param recent     where to keep the last lines (stderr), or null
     */
    public static OutputPump start(String threadName, int fd, LogSink sink, LogFiles files,
            boolean lineMode, DateTimeFormatter dateFormat, Clock clock, RecentLines recent) throws IOException {
        FileChannel source = Posix.readChannel(fd);
        LineFramer framer = lineMode || dateFormat != null ? new LineFramer(dateFormat, clock) : null;
        OutputPump pump = new OutputPump(source, sink, files, framer, recent);
        Thread.ofPlatform().name(threadName).daemon(true).stackSize(STACK_SIZE).start(pump::run);
        return pump;
    }

    /** Completes once the stream ended (every holder of the pipe's write end closed it) and all was written. */
    public CompletableFuture<Void> done() {
        return done;
    }

    /** Stops reading now (for shutdown when a stray process still holds the pipe open). */
    public void abort() {
        try {
            source.close();
        } catch (IOException ignored) {
            // the pump thread sees the close and finishes
        }
    }

    private void run() {
        ByteBuffer block = ByteBuffer.allocateDirect(MIN_BLOCK);
        try {
            int n;
            while ((n = source.read(block)) >= 0) {
                if (n == 0) {
                    continue;
                }
                block.flip();
                if (recent != null) {
                    recent.feed(block);
                }
                write(framer == null ? block : framer.frame(block));
                if (n == block.capacity() && block.capacity() < MAX_BLOCK) {
                    block = ByteBuffer.allocateDirect(block.capacity() * 4);
                } else {
                    block.clear();
                }
            }
        } catch (AsynchronousCloseException e) {
            // aborted: finish with what we have
        } catch (IOException e) {
            LOG.warn("reading output for {} failed: {}", sink.path(), e.toString());
        } finally {
            finish();
        }
    }

    private void finish() {
        try {
            if (framer != null) {
                write(framer.finish());
            } else if (!sink.endsWithNewline()) {
                write(ByteBuffer.wrap(new byte[] {'\n'}));
            }
        } finally {
            try {
                source.close();
            } catch (IOException ignored) {
                // a pipe read end: closing cannot lose data
            }
            files.release(sink);
            done.complete(null);
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
