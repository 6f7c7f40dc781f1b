package dev.orchestrator.discovery;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to walk and how.
 *
 * @param root        the project root, absolute
 * @param scanRoots   folders to walk, relative to the root (absolute ones are taken as they are); missing ones are
 *                    explained and skipped
 * @param ignoreGlobs the {@code ignore:} list of {@code orchestrator.yaml}: gitignore syntax, relative to the root
 * @param detect      the {@code detect:} of {@code orchestrator.yaml}; false turns drop-in detection off
 * @param logsDir     the logs folder, never walked
 * @param stateDir    the state folder, never walked
 */
public record DiscoverySettings(
        Path root, List<Path> scanRoots, List<String> ignoreGlobs, boolean detect, Path logsDir, Path stateDir) {

    public DiscoverySettings {
        Objects.requireNonNull(root, "root");
        scanRoots = List.copyOf(scanRoots);
        ignoreGlobs = List.copyOf(ignoreGlobs);
        Objects.requireNonNull(logsDir, "logsDir");
        Objects.requireNonNull(stateDir, "stateDir");
    }

    /** The defaults of a root: {@code services} and {@code agents}, no globs, detection on. */
    public static DiscoverySettings defaults(Path root) {
        return ProjectLayout.of(root).settings(List.of(), true);
    }
}
