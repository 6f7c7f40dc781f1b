package dev.orchestrator.logs;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Prints every line of every app to the console as {@code label | line}, with a stable colour per label, and the
 * supervisor's own messages in the same stream. One thread TAILS the log files instead of sitting between the
 * children and their files: pumps only mark a file dirty and wake it, so a slow terminal makes the console lag but
 * never slows a file or a child, and nothing is lost (the file is the buffer). Rotation hands over the next file
 * only after the last one is complete, so no line is missed or repeated across a rotation.
 *
 * <p>Colour only when stdout is a terminal and {@code NO_COLOR} is unset or empty. Lines are written whole, as bytes.
 * Threading: {@link #message}, {@link #follow} and the handles may be called from any thread and only enqueue.
 */
public final class ConsolePrinter implements LogFollower, AutoCloseable {
    private static final int[] PALETTE = {36, 33, 32, 35, 34, 31, 96, 93, 92, 95, 94, 91};
    private static final int READ_BUDGET = 1 << 20; // per file per round, so one flood cannot starve the others

    private final OutputStream out;
    private final boolean colour;
    private final ConcurrentLinkedQueue<Tail> dirty = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String[]> messages = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean closing;
    private volatile int width;
    private boolean broken;
    private final boolean followApps;

    public ConsolePrinter(OutputStream out, boolean colour) {
        this(out, colour, true);
    }

    private ConsolePrinter(OutputStream out, boolean colour, boolean followApps) {
        this.out = new BufferedOutputStream(out, 1 << 16);
        this.colour = colour;
        this.followApps = followApps;
        this.thread = Thread.ofPlatform().name("orchestrator-console").daemon(true).stackSize(512 << 10)
                .start(this::run);
    }

    /** Prints to this process's stdout; colour when it is a terminal and NO_COLOR is not set. */
    public static ConsolePrinter toStdout() {
        var console = System.console();
        String noColor = System.getenv("NO_COLOR");
        boolean colour = console != null && console.isTerminal() && (noColor == null || noColor.isEmpty());
        return new ConsolePrinter(new FileOutputStream(FileDescriptor.out), colour);
    }

    /** Makes room for {@code label} in the label column now, so lines printed before it appears line up with it. */
    public void reserve(String label) {
        widen(label);
    }

    /** A supervisor message (one or more lines) under {@code label}. */
    public void message(String label, String text) {
        widen(label);
        messages.add(new String[] {label, text});
        LockSupport.unpark(thread);
    }

    /**
     * The daemon's own log: the supervisor's messages only. The apps' output is already in their log files; copying it
     * into orchestrator.log too would double every byte written (a million-line flood became a second 100 MB file).
     */
    public static ConsolePrinter messagesOnlyToStdout() {
        return new ConsolePrinter(new FileOutputStream(FileDescriptor.out), false, false);
    }

    @Override
    public Handle follow(String label, FileChannel reader) {
        widen(label);
        if (!followApps) {
            try {
                reader.close();
            } catch (java.io.IOException e) {
                // nothing was read from it
            }
            return IGNORED;
        }
        return new Tail(this, label, reader);
    }

    private static final Handle IGNORED = new Handle() {
        @Override
        public void written() {
        }

        @Override
        public void rotated(FileChannel next) {
            try {
                next.close();
            } catch (java.io.IOException e) {
                // nothing was read from it
            }
        }

        @Override
        public void closed(long endOffset) {
        }
    };

    /** Prints what is pending (waiting at most {@code timeout} for a slow terminal) and stops. */
    public void close(Duration timeout) {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }

    void wake(Tail tail) {
        if (tail.queued.compareAndSet(false, true)) {
            dirty.add(tail);
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        while (true) {
            boolean worked = false;
            for (String[] m; (m = messages.poll()) != null; worked = true) {
                printMessage(m[0], m[1]);
            }
            for (Tail t; (t = dirty.poll()) != null; worked = true) {
                t.queued.set(false);
                if (t.drain(READ_BUDGET)) {
                    wake(t); // more to read: back of the queue, after the others
                }
            }
            if (worked) {
                flush();
            } else if (closing) {
                return;
            } else {
                LockSupport.park(this);
            }
        }
    }

    private void printMessage(String label, String text) {
        byte[] prefix = prefix(label);
        for (String line : text.split("\n", -1)) {
            write(prefix, 0, prefix.length);
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            write(bytes, 0, bytes.length);
        }
    }

    /** Called by tails on the console thread. */
    void write(byte[] bytes, int offset, int length) {
        if (broken) {
            return;
        }
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            broken = true; // stdout closed: keep draining files, print nothing more
        }
    }

    private void flush() {
        if (!broken) {
            try {
                out.flush();
            } catch (IOException e) {
                broken = true;
            }
        }
    }

    byte[] prefix(String label) {
        StringBuilder sb = new StringBuilder(label.length() + 16);
        if (colour) {
            sb.append("\u001b[").append(colourOf(label)).append('m');
        }
        sb.append(label);
        sb.repeat(' ', Math.max(0, width - label.length()));
        sb.append(" |");
        if (colour) {
            sb.append("\u001b[0m");
        }
        sb.append(' ');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    int width() {
        return width;
    }

    /** The ANSI foreground colour for a label: stable across runs (String.hashCode is specified). */
    static int colourOf(String label) {
        return PALETTE[Math.floorMod(label.hashCode(), PALETTE.length)];
    }

    private synchronized void widen(String label) {
        if (label.length() > width) {
            width = label.length();
        }
    }
}
