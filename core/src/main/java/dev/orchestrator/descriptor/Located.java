package dev.orchestrator.descriptor;

import java.util.Objects;

/** A value read from a file, with where it was written, so later stages can still name file, line and column. */
public record Located<T>(T value, SourcePosition position) {

    public Located {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(position, "position");
    }
}
