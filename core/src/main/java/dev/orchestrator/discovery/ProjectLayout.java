package dev.orchestrator.discovery;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where things are in a project. Build it with {@link #of(Path)} and adjust from {@code orchestrator.yaml}.
 *
 * @param root      the project root, absolute
 * @param stateDir  {@code <root>/.orchestrator}: state, lock, socket, daemon log, third-party plugins
 * @param logsDir   the apps' logs, absolute; default {@code <root>/logs}
 * @param scanRoots folders walked for descriptors and drop-ins, relative to the root; default {@code services}, {@code agents}
 */
public record ProjectLayout(Path root, Path stateDir, Path logsDir, List<Path> scanRoots) {

    public static final String STATE_DIR = ".orchestrator";
    public static final String LOGS_DIR = "logs";
    public static final List<String> DEFAULT_SCAN_ROOTS = List.of("services", "agents");

    public ProjectLayout {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(logsDir, "logsDir");
        scanRoots = List.copyOf(scanRoots);
    }

    /** The defaults for a root. */
    public static ProjectLayout of(Path root) {
        Path r = root.toAbsolutePath().normalize();
        List<Path> roots = DEFAULT_SCAN_ROOTS.stream().map(r.getFileSystem()::getPath).toList();
        return new ProjectLayout(r, r.resolve(STATE_DIR), r.resolve(LOGS_DIR), roots);
    }

    /** The {@code logs:} of {@code orchestrator.yaml}; a relative path resolves against the root. */
    public ProjectLayout withLogsDir(Path logs) {
        return new ProjectLayout(root, stateDir, root.resolve(logs).normalize(), scanRoots);
    }

    /** The {@code roots:} of {@code orchestrator.yaml}, relative to the root. */
    public ProjectLayout withScanRoots(List<Path> roots) {
        return new ProjectLayout(root, stateDir, logsDir, roots);
    }

    /** The scan roots as absolute paths, in the order given. */
    public List<Path> absoluteScanRoots() {
        return scanRoots.stream().map(p -> root.resolve(p).normalize()).toList();
    }

    /** Settings for a {@link Discovery} walk of this layout. */
    public DiscoverySettings settings(List<String> ignoreGlobs, boolean detect) {
        return new DiscoverySettings(root, scanRoots, ignoreGlobs, detect, logsDir, stateDir);
    }
}
