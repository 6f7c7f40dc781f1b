package dev.orchestrator.cli;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The daemon's side of {@code up -d}'s start-up report. Whoever starts the daemon (the launcher script, or
 * {@link Daemon#spawn} under plain {@code java -jar}) gives it a pipe as stdout and stderr, and reads that pipe until
 * the daemon says how the start went. The daemon keeps a copy of the pipe, moves its own stdout and stderr to
 * {@code .orchestrator/orchestrator.log} (so whatever the JVM printed before, e.g. a refused lock, reached the user),
 * and writes tagged lines on the copy: {@code ESC L path} (its log), {@code ESC O text} (for stdout),
 * {@code ESC E text} (for stderr) and last {@code ESC X code}, then closes it. A reader that sees the pipe end without
 * an exit code knows the daemon died, and where its log is. Untagged lines are the JVM's own output, for stderr.
 */
final class DaemonReport implements AutoCloseable {

    /** The tag's first character: ASCII unit separator, which no message of ours contains. */
    static final char TAG = '\u001f';

    private static final int O_WRONLY = 01;
    private static final int O_CREAT = 0100;
    private static final int O_APPEND = 02000;
    private static final int O_CLOEXEC = 02000000;

    private final int fd;
    private boolean open = true;

    private DaemonReport(int fd) {
        this.fd = fd;
    }

    /** Keeps stdout as the report channel and points stdout and stderr at {@code log} (appended, created). */
    static DaemonReport takeStdout(Path log) throws IOException {
        Files.createDirectories(log.getParent());
        System.out.flush();
        System.err.flush();
        int saved = Native.call(Native.FCNTL, 1, 1030 /* F_DUPFD_CLOEXEC */, 3);
        if (saved < 0) {
            throw new IOException("cannot keep the report pipe (fcntl failed)");
        }
        int logFd;
        try (Arena arena = Arena.ofConfined()) {
            logFd = (int) Native.OPEN.invokeExact(arena.allocateFrom(log.toString()),
                    O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        } catch (Throwable e) {
            throw new IOException("cannot open " + log + ": " + e, e);
        }
        if (logFd < 0) {
            Native.call(Native.CLOSE, saved);
            throw new IOException("cannot open " + log + " for appending; check the permissions of its folder");
        }
        // dup2 clears close-on-exec on 1 and 2: the daemon's own stdout and stderr are the log from here on.
        Native.call(Native.DUP2, logFd, 1);
        Native.call(Native.DUP2, logFd, 2);
        Native.call(Native.CLOSE, logFd);
        DaemonReport report = new DaemonReport(saved);
        report.line('L', log.toString());
        return report;
    }

    /** Lines for the starter's stdout. */
    void out(String text) {
        text.lines().forEach(l -> line('O', l));
    }

    /** Lines for the starter's stderr. */
    void err(String text) {
        text.lines().forEach(l -> line('E', l));
    }

    /** The starter exits with {@code code}; the report ends. */
    void exit(int code) {
        line('X', Integer.toString(code));
        close();
    }

    private void line(char kind, String text) {
        if (!open) {
            return;
        }
        byte[] bytes = (TAG + String.valueOf(kind) + " " + text + "\n").getBytes(StandardCharsets.UTF_8);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(bytes.length);
            MemorySegment.copy(bytes, 0, buf, ValueLayout.JAVA_BYTE, 0, bytes.length);
            long done = 0;
            while (done < bytes.length) {
                long n = (long) Native.WRITE.invokeExact(fd, buf.asSlice(done), (long) bytes.length - done);
                if (n <= 0) {
                    close(); // the starter is gone (EPIPE): the daemon runs on without an audience
                    return;
                }
                done += n;
            }
        } catch (Throwable e) {
            close();
        }
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            Native.call(Native.CLOSE, fd);
        }
    }

    /** The four libc calls, bound once. */
    private static final class Native {
        private static final Linker LINKER = Linker.nativeLinker();
        static final MethodHandle FCNTL = bind("fcntl", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), Linker.Option.firstVariadicArg(2));
        static final MethodHandle DUP2 = bind("dup2", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT));
        static final MethodHandle OPEN = bind("open", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), Linker.Option.firstVariadicArg(2));
        static final MethodHandle WRITE = bind("write", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));

        private static MethodHandle bind(String name, FunctionDescriptor descriptor, Linker.Option... options) {
            return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor, options);
        }

        static int call(MethodHandle handle, int... args) {
            try {
                return switch (args.length) {
                    case 1 -> (int) handle.invokeExact(args[0]);
                    case 2 -> (int) handle.invokeExact(args[0], args[1]);
                    default -> (int) handle.invokeExact(args[0], args[1], args[2]);
                };
            } catch (Throwable e) {
                throw new IllegalStateException("libc call failed: " + e, e);
            }
        }
    }
}
