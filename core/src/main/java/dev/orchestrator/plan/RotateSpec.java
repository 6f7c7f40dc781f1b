package dev.orchestrator.plan;

/**
 * Built-in log rotation ({@code log_rotate}): rename and reopen when a file passes {@code maxSizeBytes}, keep
 * {@code retain} rotated files, gzip them when {@code compress}. Only regular files rotate ({@code /dev/null} stays).
 */
public record RotateSpec(long maxSizeBytes, int retain, boolean compress) {

    public static final RotateSpec DEFAULT = new RotateSpec(10L * 1024 * 1024, 5, false);

    public RotateSpec {
        if (maxSizeBytes <= 0) {
            throw new IllegalArgumentException("maxSizeBytes must be > 0");
        }
        if (retain < 0) {
            throw new IllegalArgumentException("retain must be >= 0");
        }
    }
}
