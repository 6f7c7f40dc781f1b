package dev.orchestrator.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * {@code .orchestrator/orchestrator.lock}, held with {@code fcntl} ({@link FileChannel#tryLock()}) for the
 * orchestrator's whole life. The kernel drops the lock when the process dies, however it dies, so a free lock proves
 * the previous orchestrator is gone and its leftovers may be recovered. The holder's pid is written into the file too.
 */
public final class InstanceLock implements AutoCloseable {
    static final String NAME = "orchestrator.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Thrown when another orchestrator holds the lock. */
    public static final class AlreadyRunningException extends IllegalStateException {
        private final OptionalLong pid;

        AlreadyRunningException(String message, OptionalLong pid) {
            super(message);
            this.pid = pid;
        }

        /** The running orchestrator's pid, when known. */
        public OptionalLong pid() {
            return pid;
        }
    }

    /**
     * @throws AlreadyRunningException naming the running orchestrator's pid (from the lock file, else state.json)
     * @throws UncheckedIOException    when the state folder cannot be created or the file opened
     */
    public static InstanceLock acquire(Path stateDir) {
        Path file = stateDir.resolve(NAME);
        FileChannel channel;
        try {
            Files.createDirectories(stateDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("opening " + file + " failed: " + e.getMessage()
                    + "; check that the project folder is writable", e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very JVM
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("locking " + file + " failed: " + e.getMessage(), e);
        }
        if (lock == null) {
            closeQuietly(channel);
            OptionalLong pid = holderPid(stateDir);
            Path root = stateDir.toAbsolutePath().getParent();
            throw new AlreadyRunningException("orchestrator for '" + root + "' is already running ("
                    + (pid.isPresent() ? "pid " + pid.getAsLong() : "pid unknown") + ", holding " + file
                    + "); talk to it with `orchestrator ls`/`logs`, or stop it with `orchestrator down`", pid);
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
                    0);
        } catch (IOException e) {
            // the lock itself is what counts; the pid in the file is a courtesy
        }
        return new InstanceLock(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }

    /** The lock file's pid (written by the holder right after locking), else state.json's. */
    private static OptionalLong holderPid(Path stateDir) {
        try {
            String text = Files.readString(stateDir.resolve(NAME), StandardCharsets.US_ASCII).strip();
            if (!text.isEmpty()) {
                return OptionalLong.of(Long.parseLong(text));
            }
        } catch (IOException | NumberFormatException e) {
            // fall back to state.json
        }
        try {
            return StateFile.read(stateDir).map(s -> OptionalLong.of(s.orchestratorPid())).orElse(OptionalLong.empty());
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was written
        }
    }
}
