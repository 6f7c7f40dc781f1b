package dev.orchestrator.descriptor;

import java.nio.file.Path;
import java.util.Objects;

/** A place in a file, 1-based line and column, as editors count them. */
public record SourcePosition(Path file, int line, int column) {

    public SourcePosition {
        Objects.requireNonNull(file, "file");
    }

    /** The start of a file, for problems that belong to the file as a whole. */
    public static SourcePosition startOf(Path file) {
        return new SourcePosition(file, 1, 1);
    }
}
