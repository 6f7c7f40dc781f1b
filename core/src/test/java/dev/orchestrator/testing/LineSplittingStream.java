package dev.orchestrator.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

/** A test console: hands each complete line (without its newline) to a consumer, as bytes. */
public final class LineSplittingStream extends OutputStream {
    private final Consumer<byte[]> lines;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    public LineSplittingStream(Consumer<byte[]> lines) {
        this.lines = lines;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                partial.write(b, start, i - start);
                lines.accept(partial.toByteArray());
                partial.reset();
                start = i + 1;
            }
        }
        partial.write(b, start, off + len - start);
    }
}
