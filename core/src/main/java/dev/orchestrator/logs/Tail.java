package dev.orchestrator.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The console's view of one log file: a reader at our last offset, the files that rotation queued after it, and the
 * unfinished last line. Everything but the queue and flags is confined to the console thread.
 */
final class Tail implements LogFollower.Handle {
    final AtomicBoolean queued = new AtomicBoolean();
    private final ConsolePrinter console;
    private final String label;
    private final ConcurrentLinkedQueue<FileChannel> next = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;
    private volatile long endOffset = Long.MAX_VALUE;
    private FileChannel reader;
    private final ByteBuffer block = ByteBuffer.allocate(64 << 10);
    private byte[] carry = new byte[0];
    private int carryLength;
    private byte[] prefix;
    private int prefixWidth = -1;

    Tail(ConsolePrinter console, String label, FileChannel reader) {
        this.console = console;
        this.label = label;
        this.reader = reader;
    }

    @Override
    public void written() {
        console.wake(this);
    }

    @Override
    public void rotated(FileChannel nextFile) {
        next.add(nextFile);
        console.wake(this);
    }

    @Override
    public void closed(long end) {
        endOffset = end;
        closed = true;
        console.wake(this);
    }

    /**
     * Prints the complete lines written since last time, reading at most about {@code budget} bytes.
     *
     * @return true when there may be more to read now
     */
    boolean drain(int budget) {
        if (reader == null) {
            return false;
        }
        boolean wasClosed = closed; // read before reading the file: everything written before it is visible
        int read = 0;
        while (read < budget) {
            int n = readSome(next.isEmpty());
            if (n > 0) {
                read += n;
                continue;
            }
            FileChannel following = next.poll();
            if (following == null) {
                break;
            }
            // The file was rotated before `following` was queued, so it is complete: finish it, then switch.
            while ((n = readSome(false)) > 0) {
                read += n;
            }
            closeQuietly(reader);
            reader = following;
        }
        if (read >= budget) {
            return true;
        }
        if (wasClosed && next.isEmpty()) {
            if (carryLength > 0) {
                emit(new byte[] {'\n'}, 0, 1);
            }
            closeQuietly(reader);
            reader = null;
        }
        return false;
    }

    /**
     * Reads what is there. When the reader may be on the sink's last file ({@code last}: no rotation was queued), it
     * stops at the closed sink's end offset, also when the close arrives while the read is under way: the app's next
     * start may already have appended its first lines after that offset, and those belong to the next sink's tail.
     * The sink announces its close before a new sink can open the file, and {@code closed} is read after the read
     * returned, so bytes of the next start are never seen without the close being seen too.
     */
    private int readSome(boolean last) {
        block.clear();
        int n;
        long start;
        try {
            start = reader.position();
            if (last && closed) {
                long left = endOffset - start;
                if (left <= 0) {
                    return -1;
                }
                block.limit((int) Math.min(left, block.capacity()));
            }
            n = reader.read(block);
            if (n > 0 && last && closed && next.isEmpty()) {
                n = (int) Math.max(0, Math.min(n, endOffset - start));
                reader.position(start + n);
            }
        } catch (IOException e) {
            return -1;
        }
        if (n > 0) {
            emit(block.array(), 0, n);
        }
        return n > 0 ? n : -1;
    }

    /** Prints the complete lines in {@code bytes[from, from+length)} and keeps the rest. */
    private void emit(byte[] bytes, int from, int length) {
        int start = from;
        int end = from + length;
        for (int i = from; i < end; i++) {
            if (bytes[i] == '\n') {
                byte[] p = prefix();
                console.write(p, 0, p.length);
                if (carryLength > 0) {
                    console.write(carry, 0, carryLength);
                    carryLength = 0;
                    if (carry.length > (1 << 20)) {
                        carry = new byte[0];
                    }
                }
                console.write(bytes, start, i + 1 - start);
                start = i + 1;
            }
        }
        if (start < end) {
            int rest = end - start;
            if (carry.length < carryLength + rest) {
                carry = Arrays.copyOf(carry, Math.max(carryLength + rest, carry.length * 2));
            }
            System.arraycopy(bytes, start, carry, carryLength, rest);
            carryLength += rest;
        }
    }

    private byte[] prefix() {
        int width = console.width();
        if (width != prefixWidth) {
            prefix = console.prefix(label);
            prefixWidth = width;
        }
        return prefix;
    }

    private static void closeQuietly(FileChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // read-only
        }
    }
}
