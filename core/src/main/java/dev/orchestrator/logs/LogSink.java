package dev.orchestrator.logs;

import dev.orchestrator.plan.RotateSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open log file, shared by every pump that writes it (all instances of a merged app, or stdout and stderr sent to
 * one file). Opened in append mode, never truncated. Each {@link #append} is one {@code write(2)} of what the pump
 * hands over, so whole lines from several writers never tear. Regular files rotate by rename once they pass the size
 * limit, only at a line boundary, and are reopened; other files ({@code /dev/null}) never rotate.
 *
 * <p>Locking: {@code lock} guards the channel, size and reference count and is held across this file's own write,
 * rename and reopen (the one lock in the supervisor that is held across I/O: it serializes writers of one file, is
 * taken by nothing else, and never while another lock is held). Follower notifications only enqueue and wake.
 */
public final class LogSink {
    private static final Logger LOG = LoggerFactory.getLogger(LogSink.class);

    private final Path path;
    private final String label;
    private final RotateSpec rotate;
    private final LogFollower follower;
    private final Executor compressor;
    private final ReentrantLock lock = new ReentrantLock();

    private FileChannel channel;
    private boolean regular;
    private long size;
    private boolean endsWithNewline = true;
    private boolean rotationBroken;
    private int refs;
    private boolean retired;
    private LogFollower.Handle follow;

    LogSink(Path path, String label, RotateSpec rotate, LogFollower follower, Executor compressor) {
        this.path = path;
        this.label = label;
        this.rotate = rotate;
        this.follower = follower;
        this.compressor = compressor;
    }

    public Path path() {
        return path;
    }

    /**
     * Appends {@code data} (position to limit) in one write. When the file is over its size limit it rotates at the
     * first line end: right after this write if it ends a line, else after the first newline of a later write.
     */
    public void append(ByteBuffer data) throws IOException {
        if (!data.hasRemaining()) {
            return;
        }
        LogFollower.Handle notify;
        lock.lock();
        try {
            if (channel == null) {
                throw new IOException("log file " + path + " is closed");
            }
            if (rotationDue() && !endsWithNewline) {
                int nl = indexOf(data, (byte) '\n');
                if (nl >= 0) {
                    int limit = data.limit();
                    data.limit(nl + 1);
                    writeFully(data);
                    data.limit(limit);
                    rotateNow();
                }
            }
            writeFully(data);
            if (rotationDue() && endsWithNewline) {
                rotateNow();
            }
            notify = follow;
        } finally {
            lock.unlock();
        }
        if (notify != null) {
            notify.written();
        }
    }

    /** Whether the last byte written ends a line (true for an empty file). */
    public boolean endsWithNewline() {
        lock.lock();
        try {
            return endsWithNewline;
        } finally {
            lock.unlock();
        }
    }

    /** Takes a reference, opening the file on the first one; false when this sink was closed for good (retry). */
    boolean retain() throws IOException {
        lock.lock();
        try {
            if (retired) {
                return false;
            }
            if (refs == 0) {
                try {
                    open();
                } catch (IOException e) {
                    retired = true;
                    throw new IOException("cannot open log file " + path + ": " + describe(e)
                            + "; check that the folder is writable", e);
                }
            }
            refs++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Drops a reference; the last one closes the file and retires the sink. Returns true when it did. */
    boolean release() {
        lock.lock();
        try {
            if (--refs > 0) {
                return false;
            }
            closeQuietly(channel);
            channel = null;
            // Announced under the lock, before `retired` lets a new sink open the file: the follower must know where
            // this sink's bytes end before the app's next start can append any (closed() only records and wakes).
            if (follow != null) {
                follow.closed(size);
                follow = null;
            }
            retired = true;
        } finally {
            lock.unlock();
        }
        return true;
    }

    private void open() throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        regular = Files.isRegularFile(path);
        size = regular ? channel.size() : 0;
        if (regular && follower != null) {
            FileChannel reader = FileChannel.open(path, StandardOpenOption.READ);
            reader.position(size);
            follow = follower.follow(label, reader);
        }
    }

    private boolean rotationDue() {
        return regular && rotate != null && !rotationBroken && size >= rotate.maxSizeBytes();
    }

    private void writeFully(ByteBuffer data) throws IOException {
        if (!data.hasRemaining()) {
            return;
        }
        endsWithNewline = data.get(data.limit() - 1) == '\n';
        while (data.hasRemaining()) {
            size += channel.write(data);
        }
    }

    private void rotateNow() throws IOException {
        Object fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        Path rotated;
        try {
            rotated = Rotation.shift(path, rotate.retain());
        } catch (IOException e) {
            rotationBroken = true;
            LOG.warn("rotating log file {} failed: {}; it keeps growing until the next start", path, describe(e));
            return;
        }
        closeQuietly(channel);
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        size = channel.size();
        endsWithNewline = true;
        if (follow != null) {
            follow.rotated(FileChannel.open(path, StandardOpenOption.READ));
        }
        if (rotated != null && rotate.compress()) {
            compressor.execute(() -> compress(fileKey));
        }
    }

    /** Runs on the compressor thread: gzip without the lock, then swap names under it (they may have shifted). */
    private void compress(Object fileKey) {
        Path source;
        lock.lock();
        try {
            source = Rotation.locate(path, rotate.retain(), fileKey);
        } finally {
            lock.unlock();
        }
        if (source == null) {
            return;
        }
        try {
            Path temp = Rotation.gzipToTemp(source);
            lock.lock();
            try {
                Path now = Rotation.locate(path, rotate.retain(), fileKey);
                if (now == null) {
                    Files.deleteIfExists(temp);
                } else {
                    Files.move(temp, now.resolveSibling(now.getFileName() + ".gz"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    Files.delete(now);
                }
            } finally {
                lock.unlock();
            }
        } catch (IOException e) {
            LOG.warn("compressing rotated log file {} failed: {}; it stays uncompressed", source, describe(e));
        }
    }

    private static int indexOf(ByteBuffer data, byte b) {
        for (int i = data.position(); i < data.limit(); i++) {
            if (data.get(i) == b) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.toString() : e.getClass().getSimpleName() + " " + e.getMessage();
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing after a failed write: nothing more to lose
            }
        }
    }
}
