package dev.orchestrator.cli.logfiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * The lines of a file from the last to the first, read in 64 KiB blocks from the end, so a tail of a huge file costs
 * what the tail holds. Splits on {@code \n} as bytes (a UTF-8 sequence never contains that byte) and drops a trailing
 * {@code \r}.
 */
final class ReverseLines implements AutoCloseable {

    private static final int BLOCK = 64 * 1024;

    private final FileChannel channel;
    private final Deque<String> ready = new ArrayDeque<>();
    private long position;
    private byte[] carry = new byte[0];
    private boolean carryPending;

    /** Lines of {@code file} before byte {@code end}; a final newline at {@code end - 1} ends the last line. */
    ReverseLines(Path file, long end) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.READ);
        position = Math.min(end, channel.size());
        carryPending = position > 0;
        if (position > 0 && byteAt(position - 1) == '\n') {
            position--;
        }
    }

    /**
     * The end of the last complete line of {@code file} when it is {@code size} bytes long: a line still being
     * written (no newline yet) is left for a follower.
     */
    static long completeEnd(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(BLOCK);
            for (long end = Math.min(size, ch.size()); end > 0; ) {
                int n = (int) Math.min(BLOCK, end);
                buf.clear().limit(n);
                ch.read(buf, end - n);
                for (int i = n - 1; i >= 0; i--) {
                    if (buf.get(i) == '\n') {
                        return end - n + i + 1;
                    }
                }
                end -= n;
            }
            return 0;
        }
    }

    /** The previous line, or null before the first. */
    String previous() throws IOException {
        while (ready.isEmpty()) {
            if (position == 0) {
                if (!carryPending) {
                    return null;
                }
                carryPending = false;
                return decode(carry, 0, carry.length);
            }
            readBlock();
        }
        return ready.poll();
    }

    private void readBlock() throws IOException {
        int n = (int) Math.min(BLOCK, position);
        position -= n;
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining()) {
            if (channel.read(buf, position + buf.position()) < 0) {
                break;
            }
        }
        byte[] block = buf.array();
        byte[] joined = Arrays.copyOf(block, n + carry.length);
        System.arraycopy(carry, 0, joined, n, carry.length);
        int end = joined.length;
        for (int i = joined.length - 1; i >= 0; i--) {
            if (joined[i] == '\n') {
                ready.add(decode(joined, i + 1, end));
                end = i;
            }
        }
        carry = Arrays.copyOf(joined, end);
    }

    private byte byteAt(long at) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        channel.read(one, at);
        return one.get(0);
    }

    private static String decode(byte[] bytes, int from, int to) {
        int end = to > from && bytes[to - 1] == '\r' ? to - 1 : to;
        return new String(bytes, from, end - from, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
