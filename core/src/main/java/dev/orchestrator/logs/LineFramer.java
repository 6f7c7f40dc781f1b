package dev.orchestrator.logs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;

/**
 * Cuts a byte stream into whole lines for files that need them (a timestamp per line, or several writers in one
 * file): each {@link #frame} returns one buffer holding only complete lines, each optionally prefixed with
 * {@code "<timestamp>: "}, and keeps the unfinished tail for the next block. Works on bytes, so any encoding and any
 * line length pass intact. Not thread-safe: one per pump.
 */
final class LineFramer {
    private static final int SHRINK_ABOVE = 1 << 20;

    private final DateTimeFormatter dateFormat;
    private final Clock clock;
    private ByteBuffer carry = ByteBuffer.allocateDirect(0);
    private ByteBuffer out = ByteBuffer.allocateDirect(0);

    /** @param dateFormat formatter for the line prefix, or null for none */
    LineFramer(DateTimeFormatter dateFormat, Clock clock) {
        this.dateFormat = dateFormat;
        this.clock = clock;
    }

    /**
     * Consumes {@code block} (position to limit) and returns the complete lines it finished, ready to write (empty
     * when the block ended no line). The returned buffer is reused by the next call.
     */
    ByteBuffer frame(ByteBuffer block) {
        int lastNl = -1;
        for (int i = block.limit() - 1; i >= block.position(); i--) {
            if (block.get(i) == '\n') {
                lastNl = i;
                break;
            }
        }
        if (lastNl < 0) {
            carry = append(carry, block);
            out.clear().flip();
            return out;
        }
        byte[] prefix = dateFormat == null ? null
                : (dateFormat.format(clock.instant()) + ": ").getBytes(StandardCharsets.UTF_8);
        int lines = prefix == null ? 0 : countNewlines(block, lastNl);
        int need = carry.position() + (lastNl + 1 - block.position()) + (prefix == null ? 0 : lines * prefix.length);
        ensureOut(need);
        if (prefix == null) {
            out.put(carry.flip());
            out.put(block.slice(block.position(), lastNl + 1 - block.position()));
        } else {
            putPrefixedLines(block, lastNl, prefix);
        }
        carry.clear();
        if (carry.capacity() > SHRINK_ABOVE) {
            carry = ByteBuffer.allocateDirect(0); // a multi-megabyte line is over: give the memory back
        }
        block.position(lastNl + 1);
        carry = append(carry, block);
        return out.flip();
    }

    /** The unfinished last line with a newline added (and its prefix), or an empty buffer; for end of stream. */
    ByteBuffer finish() {
        if (carry.position() == 0) {
            out.clear().flip();
            return out;
        }
        ByteBuffer newline = ByteBuffer.wrap(new byte[] {'\n'});
        return frame(newline);
    }

    private void putPrefixedLines(ByteBuffer block, int lastNl, byte[] prefix) {
        int start = block.position();
        boolean first = true;
        for (int i = start; i <= lastNl; i++) {
            if (block.get(i) == '\n') {
                out.put(prefix);
                if (first) {
                    out.put(carry.flip());
                    first = false;
                }
                out.put(block.slice(start, i + 1 - start));
                start = i + 1;
            }
        }
    }

    private void ensureOut(int need) {
        if (out.capacity() > SHRINK_ABOVE && need < SHRINK_ABOVE) {
            out = ByteBuffer.allocateDirect(0);
        }
        if (out.capacity() < need) {
            out = ByteBuffer.allocateDirect(Math.max(need, Math.min(out.capacity() * 2, 1 << 20)));
        }
        out.clear();
    }

    private static int countNewlines(ByteBuffer block, int lastNl) {
        int n = 0;
        for (int i = block.position(); i <= lastNl; i++) {
            if (block.get(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** Appends the rest of {@code from} to {@code to} (in write mode), growing it when needed. */
    private static ByteBuffer append(ByteBuffer to, ByteBuffer from) {
        if (to.remaining() < from.remaining()) {
            int cap = Math.max(to.position() + from.remaining(), to.capacity() * 2);
            ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(cap, 256));
            bigger.put(to.flip());
            to = bigger;
        }
        to.put(from);
        return to;
    }
}
