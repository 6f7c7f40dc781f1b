package dev.orchestrator.descriptor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The optional {@code orchestrator.yaml} at the project root. Every field has a default, so a project without the
 * file behaves like PM2 with the Promethean team's conventions.
 *
 * @param file       the file, when there is one
 * @param roots      folders to scan, relative to the root (default {@code services}, {@code agents})
 * @param logs       the logs folder, relative to the root (default {@code logs})
 * @param defaults   app keys applied under every app ({@code restart_delay: 10000} ...)
 * @param heartbeat  the heartbeat endpoint's port and timing, also given to every app as env
 * @param ignore     globs (gitignore syntax) discovery skips, relative to the root
 * @param detect     whether drop-in folders without a descriptor are detected
 * @param inheritEnv which of the orchestrator's own env variables apps inherit
 * @param pluginDirs extra folders with third-party plugin jars
 * @param logRotate  project-wide log rotation settings
 * @param problems   what was wrong with the file
 */
public record RootConfig(
        Optional<Path> file,
        List<String> roots,
        String logs,
        AppEntry defaults,
        Heartbeat heartbeat,
        List<String> ignore,
        boolean detect,
        InheritEnv inheritEnv,
        List<String> pluginDirs,
        Settings.LogRotate logRotate,
        List<Problem> problems) {

    public static final String FILE_NAME = "orchestrator.yaml";

    public RootConfig {
        roots = List.copyOf(roots);
        ignore = List.copyOf(ignore);
        pluginDirs = List.copyOf(pluginDirs);
        problems = List.copyOf(problems);
    }

    /** The configuration of a project without {@code orchestrator.yaml}. */
    public static RootConfig defaults(Path root) {
        return new RootConfig(Optional.empty(), List.of("services", "agents"), "logs",
                new AppEntry(SourcePosition.startOf(root.resolve(FILE_NAME)), Map.of()), Heartbeat.DEFAULT, List.of(),
                true, InheritEnv.ALL, List.of(), new Settings.LogRotate(Optional.empty(), Optional.empty(),
                Optional.empty()), List.of());
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    /** The heartbeat endpoint: every app gets HEARTBEAT_PORT, CHECK_INTERVAL and HEARTBEAT_TIMEOUT from here. */
    public record Heartbeat(int port, Duration checkInterval, Duration timeout) {
        public static final Heartbeat DEFAULT = new Heartbeat(5005, Duration.ofMinutes(5), Duration.ofMinutes(10));
    }

    /** {@code inherit_env}: everything (default, like PM2), nothing ({@code false}), or the listed names. */
    public record InheritEnv(boolean all, List<String> names) {
        public static final InheritEnv ALL = new InheritEnv(true, List.of());

        public InheritEnv {
            names = List.copyOf(names);
        }

        public boolean inherits(String name) {
            return all || names.contains(name);
        }
    }
}
