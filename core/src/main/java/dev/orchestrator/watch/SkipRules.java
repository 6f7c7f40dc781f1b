package dev.orchestrator.watch;

import dev.orchestrator.descriptor.RootConfig;
import dev.orchestrator.discovery.IgnoreFile;
import dev.orchestrator.discovery.IgnorePattern;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which folders a watch registers and which events it passes on: the same skips as discovery ({@code node_modules},
 * {@code .git}, {@code .venv}, {@code venv}, {@code __pycache__}, {@code target}, the logs and state folders, the
 * {@code ignore:} globs and {@code .orchestratorignore} files), so a tree with thousands of packages costs no inotify
 * watches for them. Outside the scan roots only the folders on the way to them are watched, and at the root only
 * {@code orchestrator.yaml}, {@code .orchestratorignore} and dotenv files matter.
 *
 * <p>{@code .orchestratorignore} files are read once and cached; {@link #forget(Path)} drops one when it changes.
 * Thread-safe.
 */
final class SkipRules {

    /** Discovery's built-in skips ({@code TreeWalk.NEVER_WALKED}, package-private there). */
    static final Set<String> NEVER_WALKED = dev.orchestrator.discovery.Discovery.NEVER_WALKED;
    static final String IGNORE_FILE = ".orchestratorignore";

    private final WatchScope scope;
    private final IgnoreFile globs;
    private final Map<Path, Optional<IgnoreFile>> ignoreFiles = new ConcurrentHashMap<>();

    SkipRules(WatchScope scope) {
        this.scope = scope;
        this.globs = IgnoreFile.parse(IgnoreFile.SETTINGS_SOURCE, "", scope.ignoreGlobs());
    }

    WatchScope scope() {
        return scope;
    }

    /** Should the visitor leave this folder (and everything below it) unwatched? */
    boolean skipDir(Path dir) {
        if (dir.equals(scope.root())) {
            return false;
        }
        if (builtInSkip(dir)) {
            return true;
        }
        Optional<Path> scanRoot = scanRootOf(dir);
        if (scanRoot.isPresent()) {
            return !dir.equals(scanRoot.get()) && ignored(dir, true);
        }
        return !dir.startsWith(scope.root()) || !onTheWayToAScanRoot(dir);
    }

    /** Does a change of this path matter to the watch? Checks every folder between its scan root and it. */
    boolean relevant(Path path, boolean isDir) {
        Optional<Path> scanRoot = scanRootOf(path);
        if (scanRoot.isPresent()) {
            for (Path dir = path.getParent(); dir != null && dir.startsWith(scanRoot.get())
                    && !dir.equals(scanRoot.get()); dir = dir.getParent()) {
                if (builtInSkip(dir) || ignored(dir, true)) {
                    return false;
                }
            }
            return path.equals(scanRoot.get()) || !(isDir && builtInSkip(path)) && !ignored(path, isDir);
        }
        if (onTheWayToAScanRoot(path)) {
            return true;
        }
        return scope.project() && scope.root().equals(path.getParent()) && !isDir && projectFile(path);
    }

    /** Is this path watched by this scope (inside a scan root, not below a skipped folder)? */
    boolean covers(Path path, boolean isDir) {
        return scanRootOf(path).isPresent() && relevant(path, isDir);
    }

    /** A {@code .orchestratorignore} in this folder changed: read it again next time. */
    void forget(Path dir) {
        ignoreFiles.remove(dir);
    }

    /** The folder was deleted: drop what was cached for it and below it. */
    void forgetTree(Path dir) {
        ignoreFiles.keySet().removeIf(p -> p.startsWith(dir));
    }

    private boolean builtInSkip(Path dir) {
        Path name = dir.getFileName();
        return name != null && NEVER_WALKED.contains(name.toString())
                || dir.startsWith(scope.logsDir()) || dir.startsWith(scope.stateDir());
    }

    private Optional<Path> scanRootOf(Path path) {
        return scope.scanRoots().stream().filter(path::startsWith).findFirst();
    }

    private boolean onTheWayToAScanRoot(Path path) {
        return path.startsWith(scope.root()) && scope.scanRoots().stream().anyMatch(s -> s.startsWith(path));
    }

    private static boolean projectFile(Path file) {
        String name = file.getFileName().toString();
        return name.equals(RootConfig.FILE_NAME) || name.equals(IGNORE_FILE)
                || name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env");
    }

    /**
     * Gitignore semantics as in discovery: the deepest {@code .orchestratorignore} with a matching pattern decides (its
     * last matching pattern; {@code !} re-includes), the {@code ignore:} globs sit below all files.
     */
    private boolean ignored(Path path, boolean isDir) {
        if (!scope.project()) {
            return false;
        }
        Path anchor = path.startsWith(scope.root()) ? scope.root() : scanRootOf(path).orElse(scope.root());
        String rel = slashes(anchor.relativize(path));
        List<IgnoreFile> stack = new ArrayList<>();
        for (Path dir = path.getParent(); dir != null && dir.startsWith(anchor); dir = dir.getParent()) {
            ignoreFile(dir, anchor).ifPresent(stack::add);
        }
        if (anchor.equals(scope.root())) {
            stack.add(globs);
        }
        for (IgnoreFile file : stack) {
            Optional<IgnorePattern> hit = file.lastMatch(rel, isDir);
            if (hit.isPresent()) {
                return !hit.get().negated();
            }
        }
        return false;
    }

    private Optional<IgnoreFile> ignoreFile(Path dir, Path anchor) {
        return ignoreFiles.computeIfAbsent(dir, d -> {
            Path file = d.resolve(IGNORE_FILE);
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String base = slashes(anchor.relativize(d));
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                return Optional.of(IgnoreFile.parse(base.isEmpty() ? IGNORE_FILE : base + "/" + IGNORE_FILE, base,
                        lines));
            } catch (IOException e) {
                return Optional.empty(); // discovery reports an unreadable ignore file; the watch just ignores it
            }
        });
    }

    private static String slashes(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }
}
