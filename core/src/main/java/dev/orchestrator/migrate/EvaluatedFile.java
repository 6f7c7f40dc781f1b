package dev.orchestrator.migrate;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What one PM2 config file exports when evaluated on its own.
 *
 * @param file  the config file, absolute
 * @param apps  the apps it exports (its own and any it re-exports from other files)
 * @param error why it could not be evaluated; then {@code apps} is empty
 */
public record EvaluatedFile(Path file, List<Pm2App> apps, Optional<String> error) {

    public EvaluatedFile {
        apps = List.copyOf(apps);
    }

    static EvaluatedFile failed(Path file, String error) {
        return new EvaluatedFile(file, List.of(), Optional.of(error));
    }
}
