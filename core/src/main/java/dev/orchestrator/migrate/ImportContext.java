package dev.orchestrator.migrate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the translation of one project needs to know about it.
 *
 * @param root          the project root, absolute
 * @param logsDir       the orchestrator's logs folder, absolute: out_file/error_file equal to our defaults are dropped
 * @param serviceFolder whether a folder is a service folder of the tree (an app running there is written with
 *                      {@code service:}, which claims the folder, rather than {@code cwd:})
 * @param computedEnv   env the orchestrator sets itself ({@code HEARTBEAT_PORT=5005}...): equal values are dropped
 * @param profile       {@code --env PROFILE}: the {@code env_PROFILE} blocks to merge
 * @param scanRoots     the folders discovery walks, absolute: a descriptor elsewhere is reported as not found
 */
public record ImportContext(Path root, Path logsDir, Predicate<Path> serviceFolder, Map<String, String> computedEnv,
                            Optional<String> profile, List<Path> scanRoots) {

    public ImportContext {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(logsDir, "logsDir");
        Objects.requireNonNull(serviceFolder, "serviceFolder");
        computedEnv = Map.copyOf(computedEnv);
        Objects.requireNonNull(profile, "profile");
        scanRoots = List.copyOf(scanRoots);
    }

    /** {@code to} as written in a descriptor in {@code from}: relative when inside the project, else absolute. */
    String relative(Path from, Path to) {
        if (!to.startsWith(root)) {
            return to.toString();
        }
        String rel = from.relativize(to).toString();
        return rel.isEmpty() ? "." : rel;
    }
}
