package dev.orchestrator.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Newline framing over a blocking socket channel. Reads and writes go straight to the channel, which has separate
 * read and write locks, so one thread may read while another writes (the stream adapters of {@code Channels} would
 * serialize them on the blocking lock). One reader thread and one writer thread at a time.
 */
final class LineChannel implements AutoCloseable {

    private final SocketChannel channel;
    private final int maxLineBytes;
    private final ByteBuffer in = ByteBuffer.allocate(8192).flip();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    LineChannel(SocketChannel channel, int maxLineBytes) {
        this.channel = channel;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line without its newline; null at the end of the stream (a last unterminated piece is dropped). */
    String readLine() throws IOException {
        while (true) {
            while (in.hasRemaining()) {
                byte b = in.get();
                if (b == '\n') {
                    String line = pending.toString(StandardCharsets.UTF_8);
                    pending.reset();
                    return line;
                }
                if (pending.size() >= maxLineBytes) {
                    throw new LineTooLongException(maxLineBytes);
                }
                pending.write(b);
            }
            in.clear();
            int n = channel.read(in);
            in.flip();
            if (n < 0) {
                return null;
            }
        }
    }

    /** Writes the line and a newline; blocks until the kernel took every byte (or the channel is closed). */
    void writeLine(String line) throws IOException {
        ByteBuffer out = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket cannot fail in a way we could act on
        }
    }

    /** A peer sent a line longer than the limit; the connection ends, since framing can no longer be trusted. */
    static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        LineTooLongException(int limit) {
            super("a line exceeded " + limit + " bytes");
        }
    }
}
