package dev.orchestrator.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The daemon's side of {@code up -d}'s start-up report. Whoever starts the daemon (the launcher script, or
 * {@link Daemon#spawn} under plain {@code java -jar}) points its stdout and stderr at
 * {@code .orchestrator/orchestrator.log}, gives it a pipe as descriptor 3, and reads that pipe until the daemon says
 * how the start went: tagged lines {@code US O text} (for stdout), {@code US E text} (for stderr) and last
 * {@code US X code} when the daemon runs on. A daemon that cannot start says why in E lines and exits: the pipe ends
 * (at its exit, so the starter returns once it is gone) without an exit code; one that dies says nothing, and the
 * end of its log tells.
 *
 * <p>The pipe is opened again through {@code /proc/self/fd/3}, read-write: opening a pipe write-only blocks while it
 * has no reader (a starter that was killed), read-write never does, and the JDK offers no other way to write to an
 * inherited descriptor without native calls (whose first linkage costs this start ~100 ms).
 */
final class DaemonReport implements AutoCloseable {

    /** The tag's first character: ASCII unit separator, which no message of ours contains. */
    static final char TAG = '\u001f';
    /** The descriptor the starter passes the pipe on. */
    static final int FD = 3;

    private final RandomAccessFile pipe;
    private boolean open = true;

    private DaemonReport(RandomAccessFile pipe) {
        this.pipe = pipe;
    }

    /** The report pipe on descriptor 3, or null when this daemon has none (started by hand). */
    static DaemonReport open() {
        Path fd = Path.of("/proc/self/fd/" + FD);
        try {
            if (!Files.exists(fd, LinkOption.NOFOLLOW_LINKS)
                    || !Files.readSymbolicLink(fd).toString().startsWith("pipe:")) {
                return null;
            }
            return new DaemonReport(new RandomAccessFile(fd.toFile(), "rw"));
        } catch (IOException e) {
            return null;
        }
    }

    /** Lines for the starter's stdout. */
    void out(String text) {
        text.lines().forEach(l -> line('O', l));
    }

    /** Lines for the starter's stderr. */
    void err(String text) {
        text.lines().forEach(l -> line('E', l));
    }

    /** The starter exits with {@code code} while this daemon runs on; the report ends. */
    void exit(int code) {
        line('X', Integer.toString(code));
        close();
    }

    private void line(char kind, String text) {
        if (!open) {
            return;
        }
        try {
            pipe.write((TAG + String.valueOf(kind) + " " + text + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            close(); // the starter is gone: the daemon runs on without an audience
        }
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            try {
                pipe.close();
            } catch (IOException ignored) {
                // nothing left to tell
            }
        }
    }
}
