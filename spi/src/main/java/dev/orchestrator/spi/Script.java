package dev.orchestrator.spi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The app's {@code script:} as the host classified it. A value containing {@code /}, or naming a file that exists in
 * the app's cwd, is a {@link File}; anything else is a {@link Command} for the runtime to resolve (inside the project's
 * environment tool for Python, on PATH for shell).
 */
public sealed interface Script {

    /** The text as written in the descriptor, after {@code ${VAR}} interpolation. */
    String text();

    /** A script file, resolved against the app's cwd. It may not exist; the plugin reports that. */
    record File(String text, Path path) implements Script {
        public File {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(path, "path");
        }
    }

    /** A command name such as {@code uvicorn} or {@code mongod}. */
    record Command(String text) implements Script {
        public Command {
            Objects.requireNonNull(text, "text");
        }
    }
}
