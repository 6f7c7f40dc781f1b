package dev.orchestrator.descriptor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads {@code orchestrator.yaml} as strictly as descriptors: unknown keys get suggestions, every value is typed. */
public final class RootConfigReader {

    private static final List<String> KEYS = List.of("roots", "logs", "defaults", "heartbeat", "ignore", "detect",
            "inherit_env", "plugin_dirs", "log_rotate");
    private static final List<String> HEARTBEAT_KEYS = List.of("port", "check_interval", "timeout");

    /** The project's configuration; the defaults when {@code root} holds no {@code orchestrator.yaml}. */
    public RootConfig read(Path root) {
        Path file = root.resolve(RootConfig.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return RootConfig.defaults(root);
        }
        try {
            return parse(root, file, Files.readString(file));
        } catch (IOException e) {
            RootConfig base = RootConfig.defaults(root);
            return withProblems(base, file, List.of(Problem.error(SourcePosition.startOf(file),
                    "cannot read " + RootConfig.FILE_NAME + ": " + e.getMessage() + "; check that it is UTF-8 and readable")));
        }
    }

    RootConfig parse(Path root, Path file, String text) {
        List<Problem> problems = new ArrayList<>();
        RootConfig base = RootConfig.defaults(root);
        Optional<Node> document = YamlDocument.compose(file, text, problems);
        if (document.isEmpty()) {
            return withProblems(base, file, problems);
        }
        if (!(document.get() instanceof MappingNode mapping)) {
            problems.add(Problem.error(YamlDocument.position(file, document.get()),
                    RootConfig.FILE_NAME + " must be a mapping of settings; see docs/descriptors.md"));
            return withProblems(base, file, problems);
        }
        ValueReader reader = new ValueReader(file, problems);
        Builder b = new Builder(base);
        for (Mapping.Entry entry : Mapping.entries(file, mapping, problems)) {
            Node value = entry.value();
            switch (entry.key()) {
                case "roots" -> b.roots = reader.stringList("roots", ValueType.STRING_LIST, value).orElse(b.roots);
                case "logs" -> b.logs = reader.nonEmptyScalar("logs", ValueType.STRING, value).orElse(b.logs);
                case "defaults" -> b.defaults = defaults(reader, value).orElse(b.defaults);
                case "heartbeat" -> b.heartbeat = heartbeat(reader, value, b.heartbeat);
                case "ignore" -> b.ignore = reader.stringList("ignore", ValueType.STRING_LIST, value).orElse(b.ignore);
                case "detect" -> b.detect = reader.bool("detect", value).orElse(b.detect);
                case "inherit_env" -> b.inheritEnv = inheritEnv(reader, value).orElse(b.inheritEnv);
                case "plugin_dirs" -> b.pluginDirs =
                        reader.stringList("plugin_dirs", ValueType.STRING_LIST, value).orElse(b.pluginDirs);
                case "log_rotate" -> b.logRotate = reader.read("log_rotate", ValueType.LOG_ROTATE, value)
                        .map(Settings.LogRotate.class::cast).orElse(b.logRotate);
                default -> problems.add(Mapping.unknownKey(file, entry, KEYS, " in " + RootConfig.FILE_NAME));
            }
        }
        return new RootConfig(Optional.of(file), b.roots, b.logs, b.defaults, b.heartbeat, b.ignore, b.detect,
                b.inheritEnv, b.pluginDirs, b.logRotate, problems);
    }

    private static Optional<AppEntry> defaults(ValueReader reader, Node value) {
        if (!(value instanceof MappingNode mapping)) {
            return reader.invalid("defaults", "a mapping of app keys (restart_delay: 10000 ...)", value, "");
        }
        List<Mapping.Entry> entries = new ArrayList<>();
        for (Mapping.Entry entry : Mapping.entries(reader.file(), mapping, reader.problems())) {
            if (entry.key().equals("name") || entry.key().equals("service") || entry.key().equals("script")) {
                reader.problems().add(Problem.error(reader.position(entry.keyNode()), "key '" + entry.key()
                        + "' cannot be a default: it identifies one app; set it in that app's descriptor"));
            } else {
                entries.add(entry);
            }
        }
        return Optional.of(DescriptorReader.readApp(reader, reader.position(mapping), entries, " in defaults"));
    }

    private static RootConfig.Heartbeat heartbeat(ValueReader reader, Node value, RootConfig.Heartbeat current) {
        if (!(value instanceof MappingNode mapping)) {
            reader.invalid("heartbeat", "a mapping with port, check_interval, timeout", value, "");
            return current;
        }
        int port = current.port();
        Duration interval = current.checkInterval();
        Duration timeout = current.timeout();
        for (Mapping.Entry entry : Mapping.entries(reader.file(), mapping, reader.problems())) {
            switch (entry.key()) {
                case "port" -> port = reader.parsed("heartbeat.port", ValueType.COUNT, entry.value(),
                        t -> Scalars.count(t).filter(p -> p >= 1 && p <= 65535), "write a port from 1 to 65535")
                        .orElse(port);
                case "check_interval" -> interval = reader.duration("heartbeat.check_interval", entry.value())
                        .orElse(interval);
                case "timeout" -> timeout = reader.duration("heartbeat.timeout", entry.value()).orElse(timeout);
                default -> reader.problems().add(Mapping.unknownKey(reader.file(), entry, HEARTBEAT_KEYS,
                        " in heartbeat"));
            }
        }
        return new RootConfig.Heartbeat(port, interval, timeout);
    }

    private static Optional<RootConfig.InheritEnv> inheritEnv(ValueReader reader, Node value) {
        if (value instanceof ScalarNode scalar && Scalars.bool(scalar.getValue()).isPresent()) {
            return Optional.of(Scalars.bool(scalar.getValue()).get() ? RootConfig.InheritEnv.ALL
                    : new RootConfig.InheritEnv(false, List.of()));
        }
        return reader.stringList("inherit_env", ValueType.STRING_LIST, value)
                .map(names -> new RootConfig.InheritEnv(false, names));
    }

    private static RootConfig withProblems(RootConfig base, Path file, List<Problem> problems) {
        return new RootConfig(Optional.of(file), base.roots(), base.logs(), base.defaults(), base.heartbeat(),
                base.ignore(), base.detect(), base.inheritEnv(), base.pluginDirs(), base.logRotate(), problems);
    }

    /** Mutable fields while reading; the record is built once at the end. */
    private static final class Builder {
        List<String> roots;
        String logs;
        AppEntry defaults;
        RootConfig.Heartbeat heartbeat;
        List<String> ignore;
        boolean detect;
        RootConfig.InheritEnv inheritEnv;
        List<String> pluginDirs;
        Settings.LogRotate logRotate;

        Builder(RootConfig base) {
            roots = base.roots();
            logs = base.logs();
            defaults = base.defaults();
            heartbeat = base.heartbeat();
            ignore = base.ignore();
            detect = base.detect();
            inheritEnv = base.inheritEnv();
            pluginDirs = base.pluginDirs();
            logRotate = base.logRotate();
        }
    }
}
