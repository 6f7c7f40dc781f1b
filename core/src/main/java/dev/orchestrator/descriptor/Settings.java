package dev.orchestrator.descriptor;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The typed values of descriptor keys whose shape is more than a scalar. */
public final class Settings {

    private Settings() {
    }

    /** {@code instances}: a count, or {@code max} (the CPU count, resolved at planning). */
    public record Instances(boolean max, int count) {
        public static Instances of(int count) {
            return new Instances(false, count);
        }

        public int resolve(int cpus) {
            return max ? Math.max(1, cpus) : count;
        }
    }

    /** {@code watch}: off, on (the app's cwd), or these paths (relative to the descriptor's folder). */
    public record Watch(boolean enabled, List<String> paths) {
        public static final Watch OFF = new Watch(false, List.of());

        public Watch {
            paths = List.copyOf(paths);
        }
    }

    /** When a dependent may start: the dependency has started, passed its ready probe, or exited 0. */
    public enum Condition {
        STARTED, READY, COMPLETED;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code depends_on}: app name to condition, in the order written. */
    public record DependsOn(Map<String, Condition> dependencies) {
        public DependsOn {
            dependencies = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dependencies));
        }
    }

    /** The kind of a {@code ready:} or {@code live:} probe. */
    public enum ProbeKind {
        HTTP, TCP, EXEC, LOG;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A {@code ready:} or {@code live:} probe. {@code target} is the URL, port, command or regex as written. */
    public record Probe(ProbeKind kind, String target, Duration interval, Duration timeout, Duration initialDelay,
                        int failureThreshold) {
        public Probe {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(target, "target");
        }
    }

    /** {@code heartbeat}: tracked from the start when enabled; {@code timeout} overrides HEARTBEAT_TIMEOUT. */
    public record Heartbeat(boolean enabled, Optional<Duration> timeout) {
    }

    /** {@code log_rotate}: each part optional, so app values merge over the project's. */
    public record LogRotate(Optional<Long> maxSize, Optional<Integer> retain, Optional<Boolean> compress) {
    }
}
