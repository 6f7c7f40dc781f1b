package dev.orchestrator.plugin.support;

import dev.orchestrator.spi.HostContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Folder helpers: the app folder and its parents up to the project root, and paths as users read them.
 *
 * <p>Stability: internal to the built-in plugins; third-party plugins may use it but it is not the SPI. Since 0.1.0.
 */
public final class Folders {

    private Folders() {
    }

    /**
     * {@code cwd}, then each parent up to and including {@code root}; only {@code cwd} when it lies outside the root.
     * Tools such as uv workspaces and hoisted node_modules keep their files in a parent of the app folder.
     */
    public static List<Path> upToRoot(Path cwd, Path root) {
        Path dir = cwd.toAbsolutePath().normalize();
        Path top = root.toAbsolutePath().normalize();
        List<Path> folders = new ArrayList<>();
        folders.add(dir);
        if (!dir.startsWith(top)) {
            return folders;
        }
        while (!dir.equals(top) && dir.getParent() != null) {
            dir = dir.getParent();
            folders.add(dir);
        }
        return folders;
    }

    /**
     * The first executable {@code relative} (e.g. {@code node_modules/.bin/tsx}) in {@link #upToRoot} the host's
     * project root, probed through {@code host} so shared parents are looked at once per load.
     */
    public static Optional<Path> findExecutableUp(Path cwd, HostContext host, String relative) {
        for (Path dir : upToRoot(cwd, host.projectRoot())) {
            Path candidate = dir.resolve(relative);
            if (host.isExecutableFile(dir, relative)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** {@link HostContext#isFile} for a whole path: its parent folder and its name. */
    public static boolean isFile(HostContext host, Path path) {
        Path name = path.getFileName();
        return path.getParent() == null || name == null
                ? host.isFile(path, "") : host.isFile(path.getParent(), name.toString());
    }

    /** {@link HostContext#isDirectory} for a whole path: its parent folder and its name. */
    public static boolean isDirectory(HostContext host, Path path) {
        Path name = path.getFileName();
        return path.getParent() == null || name == null
                ? host.isDirectory(path, "") : host.isDirectory(path.getParent(), name.toString());
    }

    /** {@link HostContext#isExecutableFile} for a whole path: its parent folder and its name. */
    public static boolean isExecutableFile(HostContext host, Path path) {
        Path name = path.getFileName();
        return path.getParent() == null || name == null
                ? host.isExecutableFile(path, "") : host.isExecutableFile(path.getParent(), name.toString());
    }

    /**
     * {@code path} relative to the project root when inside it ({@code services/py/stt}), else absolute; the root
     * itself reads {@code ". (the project root)"}.
     */
    public static String shown(Path path, Path root) {
        Path p = path.toAbsolutePath().normalize();
        Path top = root.toAbsolutePath().normalize();
        if (p.equals(top)) {
            return ". (the project root)";
        }
        return p.startsWith(top) ? top.relativize(p).toString() : p.toString();
    }
}
