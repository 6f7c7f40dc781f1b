package dev.orchestrator.watch;

import dev.orchestrator.descriptor.RootConfig;
import dev.orchestrator.discovery.ProjectLayout;
import dev.orchestrator.plan.ProjectPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What one recursive watch covers.
 *
 * @param root        the project root (for a {@code project} scope), or the watched folder itself
 * @param scanRoots   absolute folders (or files) watched recursively
 * @param logsDir     never watched
 * @param stateDir    never watched
 * @param ignoreGlobs {@code ignore:} of {@code orchestrator.yaml} (gitignore syntax, relative to the root)
 * @param project     a project tree: {@code .orchestratorignore} files apply, and {@code orchestrator.yaml},
 *                    {@code .orchestratorignore} and dotenv files at the root are watched too
 */
public record WatchScope(Path root, List<Path> scanRoots, Path logsDir, Path stateDir, List<String> ignoreGlobs,
                         boolean project) {

    public WatchScope {
        root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        scanRoots = scanRoots.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
        logsDir = logsDir.toAbsolutePath().normalize();
        stateDir = stateDir.toAbsolutePath().normalize();
        ignoreGlobs = List.copyOf(ignoreGlobs);
    }

    /** The project tree as the loader walks it: its scan roots, logs folder and {@code ignore:} globs. */
    public static WatchScope of(ProjectLayout layout, List<String> ignoreGlobs) {
        return new WatchScope(layout.root(), layout.absoluteScanRoots(), layout.logsDir(), layout.stateDir(),
                ignoreGlobs, true);
    }

    /** The scope a loaded plan was discovered in (same layout as {@code ProjectLoader}). */
    public static WatchScope of(ProjectPlan plan) {
        RootConfig config = plan.config();
        Path root = plan.root().toAbsolutePath().normalize();
        ProjectLayout layout = ProjectLayout.of(root).withLogsDir(root.resolve(config.logs()).normalize())
                .withScanRoots(config.roots().stream().map(Path::of).toList());
        return of(layout, config.ignore());
    }

    /** One folder (or file) outside the project tree, for a source watch: only the built-in skips apply. */
    static WatchScope folder(Path path, Path logsDir, Path stateDir) {
        Path p = path.toAbsolutePath().normalize();
        Path base = java.nio.file.Files.isDirectory(p) || p.getParent() == null ? p : p.getParent();
        return new WatchScope(base, List.of(p), logsDir, stateDir, List.of(), false);
    }

    /** The folders handed to the directory watcher: the root, and scan roots outside it that exist. */
    List<Path> watchedPaths() {
        List<Path> outside = scanRoots.stream().filter(p -> !p.startsWith(root))
                .filter(java.nio.file.Files::isDirectory).toList();
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(root), outside.stream()).toList();
    }
}
