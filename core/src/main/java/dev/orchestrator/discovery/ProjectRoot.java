package dev.orchestrator.discovery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds the project root as CONTRACTS says: the nearest folder from the start upwards that holds {@code orchestrator.yaml};
 * failing that (a second pass), the nearest that holds a {@code services/} or {@code agents/} folder. {@code -C DIR}
 * wins over both.
 */
public final class ProjectRoot {

    /** The optional root config file. */
    public static final String CONFIG_FILE = "orchestrator.yaml";

    private ProjectRoot() {
    }

    /**
     * @param start    where to start looking, usually the current directory
     * @param override the {@code -C DIR} / {@code --project DIR} value; a relative one resolves against {@code start}
     * @return the root as an absolute, normalized path; empty when no folder up to the file-system root qualifies
     * @throws IllegalArgumentException when the override is not an existing folder (a usage error)
     */
    public static Optional<Path> find(Path start, Optional<Path> override) {
        Path from = start.toAbsolutePath().normalize();
        if (override.isPresent()) {
            Path dir = from.resolve(override.get()).normalize();
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("project folder '" + override.get() + "' does not exist: resolved to "
                        + dir + "; pass an existing folder to -C/--project");
            }
            return Optional.of(dir);
        }
        Optional<Path> withConfig = nearest(from, dir -> Files.isRegularFile(dir.resolve(CONFIG_FILE)));
        if (withConfig.isPresent()) {
            return withConfig;
        }
        return nearest(from, dir -> Files.isDirectory(dir.resolve("services")) || Files.isDirectory(dir.resolve("agents")));
    }

    private static Optional<Path> nearest(Path from, Predicate<Path> qualifies) {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            if (qualifies.test(dir)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}
