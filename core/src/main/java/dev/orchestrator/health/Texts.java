package dev.orchestrator.health;

import java.time.Duration;

/** Durations and sizes as the health messages print them: {@code 600s}, {@code 1500ms}, {@code 412M}, {@code 1G}. */
final class Texts {
    private static final long K = 1024;
    private static final long M = K * K;
    private static final long G = M * K;

    private Texts() {
    }

    /** Whole seconds as {@code 600s}, anything else as {@code 1500ms}. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** Exact multiples of G as {@code 1G}; otherwise rounded to M ({@code 412M}), K, or bytes. */
    static String size(long bytes) {
        if (bytes >= G && bytes % G == 0) {
            return bytes / G + "G";
        }
        if (bytes >= M) {
            return Math.round((double) bytes / M) + "M";
        }
        if (bytes >= K) {
            return Math.round((double) bytes / K) + "K";
        }
        return bytes + "B";
    }

    /** {@code bytes}, known to exceed {@code limit}, never printed as the same text as the limit ({@code 300.2M}). */
    static String sizeOver(long bytes, long limit) {
        String text = size(bytes);
        return text.equals(size(limit)) ? String.format(java.util.Locale.ROOT, "%.1fM", (double) bytes / M) : text;
    }
}
