package dev.orchestrator.watch;

import java.nio.file.Path;
import java.util.Objects;

/** One changed path as a watch saw it: created, modified or deleted (which one does not matter here). */
public record PathChange(Path path, boolean directory) {

    public PathChange {
        Objects.requireNonNull(path, "path");
    }
}
