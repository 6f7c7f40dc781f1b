package dev.orchestrator.logs;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} lines a stream carried, for "crash loop stopped" messages and {@code describe}. Each block
 * is scanned only back to where its last lines begin, so a flood costs little; lines longer than 4 KiB are cut.
 * Thread-safe: one pump feeds it, anyone reads it; the monitor is held only for in-memory work.
 */
public final class RecentLines {
    private static final int MAX_LINE = 4096;

    private final int capacity;
    private final ArrayDeque<byte[]> lines = new ArrayDeque<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    public RecentLines(int capacity) {
        this.capacity = capacity;
    }

    /** Takes the bytes between the buffer's position and limit without moving them. */
    public synchronized void feed(ByteBuffer block) {
        int from = block.position();
        int to = block.limit();
        int start = from;
        int newlines = 0;
        for (int i = to - 1; i >= from; i--) {
            if (block.get(i) == '\n' && ++newlines > capacity) {
                start = i + 1; // everything before this is older than the last `capacity` lines
                partial.reset();
                lines.clear();
                break;
            }
        }
        for (int i = start; i < to; i++) {
            byte b = block.get(i);
            if (b == '\n') {
                push(partial.toByteArray());
                partial.reset();
            } else if (partial.size() < MAX_LINE) {
                partial.write(b);
            }
        }
    }

    /** The last lines, oldest first, decoded as UTF-8 (invalid bytes become U+FFFD); an unfinished line last. */
    public synchronized List<String> lines() {
        List<String> out = new ArrayList<>(lines.size() + 1);
        for (byte[] line : lines) {
            out.add(new String(line, StandardCharsets.UTF_8));
        }
        if (partial.size() > 0) {
            out.add(partial.toString(StandardCharsets.UTF_8));
        }
        return out.size() > capacity ? out.subList(out.size() - capacity, out.size()) : out;
    }

    private void push(byte[] line) {
        lines.addLast(line);
        while (lines.size() > capacity) {
            lines.removeFirst();
        }
    }
}
