package dev.orchestrator.cli.logfiles;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One output stream of one process as it lies in the logs folder: the active file and its rotated predecessors.
 *
 * @param app      the app name
 * @param instance the instance for per-instance files ({@code api-1-out.log}); empty for {@code api-out.log}
 * @param kind     stdout or stderr
 * @param active   the file being written ({@code api-out.log}); it may not exist yet
 * @param files    every file of the stream, oldest first: {@code .log.N[.gz]} down to {@code .log.1[.gz]}, then the
 *                 active one when it exists
 */
public record LogStream(String app, OptionalInt instance, Kind kind, Path active, List<Path> files) {

    public enum Kind {
        OUT, ERR;

        public String wireName() {
            return this == OUT ? "out" : "err";
        }
    }

    public LogStream {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(active, "active");
        files = List.copyOf(files);
    }

    /** The label the console prints before each line: {@code api}, or {@code api-1} for an instance. */
    public String label() {
        return instance.isPresent() ? app + "-" + instance.getAsInt() : app;
    }
}
