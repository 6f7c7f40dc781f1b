package dev.orchestrator.descriptor;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Readers for the keys whose value is a small mapping: {@code depends_on}, probes, {@code heartbeat}, {@code log_rotate}. */
final class ComplexValues {

    private static final List<String> PROBE_KEYS =
            List.of("http", "tcp", "exec", "log", "interval", "timeout", "initial_delay", "failure_threshold");
    private static final List<String> HEARTBEAT_KEYS = List.of("timeout");
    private static final List<String> ROTATE_KEYS = List.of("max_size", "retain", "compress");

    private final ValueReader reader;

    ComplexValues(ValueReader reader) {
        this.reader = reader;
    }

    Optional<Settings.DependsOn> dependsOn(String key, Node node) {
        Map<String, Settings.Condition> deps = new LinkedHashMap<>();
        if (node instanceof SequenceNode || node instanceof ScalarNode) {
            // A bare list waits for readiness; an app without a ready: probe is ready once started.
            reader.stringList(key, ValueType.DEPENDS_ON, node)
                    .ifPresent(names -> names.forEach(n -> deps.put(n, Settings.Condition.READY)));
            return Optional.of(new Settings.DependsOn(deps));
        }
        MappingNode mapping = (MappingNode) node;
        for (Mapping.Entry entry : Mapping.entries(reader.file(), mapping, reader.problems())) {
            Optional<String> text = reader.nonEmptyScalar(key + "." + entry.key(), ValueType.DEPENDS_ON, entry.value());
            if (text.isEmpty()) {
                continue;
            }
            try {
                deps.put(entry.key(), Settings.Condition.valueOf(text.get().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                reader.invalid(key + "." + entry.key(), "started, ready or completed", entry.value(), "");
            }
        }
        return Optional.of(new Settings.DependsOn(deps));
    }

    Optional<Settings.Probe> probe(String key, Node node) {
        if (!(node instanceof MappingNode mapping)) {
            return reader.invalid(key, ValueType.PROBE, node, "e.g. " + key + ": {http: http://127.0.0.1:5001/health}");
        }
        Settings.ProbeKind kind = null;
        String target = null;
        Duration interval = Duration.ofSeconds(2);
        Duration timeout = Duration.ofSeconds(1);
        Duration initialDelay = Duration.ZERO;
        int threshold = 3;
        for (Mapping.Entry entry : Mapping.entries(reader.file(), mapping, reader.problems())) {
            String sub = key + "." + entry.key();
            switch (entry.key()) {
                case "http", "tcp", "exec", "log" -> {
                    if (kind != null) {
                        reader.problems().add(Problem.error(reader.position(entry.keyNode()), "probe '" + key
                                + "' has two kinds (" + kind.key() + " and " + entry.key() + "); keep one"));
                        continue;
                    }
                    Optional<String> value = reader.nonEmptyScalar(sub, ValueType.STRING, entry.value());
                    if (value.isPresent() && probeTargetValid(sub, entry.key(), value.get(), entry.value())) {
                        kind = Settings.ProbeKind.valueOf(entry.key().toUpperCase(java.util.Locale.ROOT));
                        target = value.get();
                    }
                }
                case "interval" -> interval = reader.duration(sub, entry.value()).orElse(interval);
                case "timeout" -> timeout = reader.duration(sub, entry.value()).orElse(timeout);
                case "initial_delay" -> initialDelay = reader.duration(sub, entry.value()).orElse(initialDelay);
                case "failure_threshold" -> threshold = reader.parsed(sub, ValueType.COUNT, entry.value(),
                        Scalars::count, "write a whole number such as 3").orElse(threshold);
                default -> reader.problems().add(Mapping.unknownKey(reader.file(), entry, PROBE_KEYS, " in " + key));
            }
        }
        if (kind == null) {
            reader.problems().add(Problem.error(reader.position(node), "probe '" + key + "' has no kind: "
                    + "expected one of http, tcp, exec or log; e.g. " + key + ": {tcp: 5001}"));
            return Optional.empty();
        }
        return Optional.of(new Settings.Probe(kind, target, interval, timeout, initialDelay, threshold));
    }

    private boolean probeTargetValid(String key, String kind, String value, Node node) {
        switch (kind) {
            case "http" -> {
                if (!value.startsWith("http://") && !value.startsWith("https://")) {
                    reader.invalid(key, "an http:// or https:// URL", node, "");
                    return false;
                }
            }
            case "tcp" -> {
                String port = value.contains(":") ? value.substring(value.lastIndexOf(':') + 1) : value;
                if (Scalars.count(port).filter(p -> p >= 1 && p <= 65535).isEmpty()) {
                    reader.invalid(key, "a port (1..65535) or host:port", node, "");
                    return false;
                }
            }
            case "log" -> {
                try {
                    Pattern.compile(value);
                } catch (PatternSyntaxException e) {
                    reader.invalid(key, "a regular expression", node, e.getDescription());
                    return false;
                }
            }
            default -> {
                return true;
            }
        }
        return true;
    }

    Optional<Settings.Heartbeat> heartbeat(String key, Node node) {
        if (node instanceof ScalarNode) {
            return reader.bool(key, node).map(on -> new Settings.Heartbeat(on, Optional.empty()));
        }
        if (!(node instanceof MappingNode mapping)) {
            return reader.invalid(key, ValueType.HEARTBEAT, node, "");
        }
        Optional<Duration> timeout = Optional.empty();
        for (Mapping.Entry entry : Mapping.entries(reader.file(), mapping, reader.problems())) {
            if (entry.key().equals("timeout")) {
                timeout = reader.duration(key + ".timeout", entry.value());
            } else {
                reader.problems().add(Mapping.unknownKey(reader.file(), entry, HEARTBEAT_KEYS, " in " + key));
            }
        }
        return Optional.of(new Settings.Heartbeat(true, timeout));
    }

    Optional<Settings.LogRotate> logRotate(String key, Node node) {
        if (!(node instanceof MappingNode mapping)) {
            return reader.invalid(key, ValueType.LOG_ROTATE, node, "e.g. " + key + ": {max_size: 10M, retain: 5}");
        }
        Optional<Long> maxSize = Optional.empty();
        Optional<Integer> retain = Optional.empty();
        Optional<Boolean> compress = Optional.empty();
        for (Mapping.Entry entry : Mapping.entries(reader.file(), mapping, reader.problems())) {
            String sub = key + "." + entry.key();
            switch (entry.key()) {
                case "max_size" -> maxSize = reader.parsed(sub, ValueType.MEMORY, entry.value(), Scalars::memory,
                        "write e.g. 10M").filter(size -> size > 0);
                case "retain" -> retain = reader.parsed(sub, ValueType.COUNT, entry.value(), Scalars::count,
                        "write a whole number such as 5");
                case "compress" -> compress = reader.bool(sub, entry.value());
                default -> reader.problems().add(Mapping.unknownKey(reader.file(), entry, ROTATE_KEYS, " in " + key));
            }
        }
        return Optional.of(new Settings.LogRotate(maxSize, retain, compress));
    }
}
