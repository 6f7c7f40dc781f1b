package dev.orchestrator.descriptor;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing wrong (or worth a warning) in the user's files, at a position, printed compiler-style so editors can jump
 * to it: {@code services/py/a/ecosystem.yaml:3:1: error: unknown key 'watch_ignore'; did you mean 'ignore_watch'?}
 *
 * @param app the app the problem belongs to, when there is one
 */
public record Problem(Severity severity, SourcePosition position, Optional<String> app, String message) {

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(message, "message");
    }

    public static Problem error(SourcePosition at, String message) {
        return new Problem(Severity.ERROR, at, Optional.empty(), message);
    }

    public static Problem warning(SourcePosition at, String message) {
        return new Problem(Severity.WARNING, at, Optional.empty(), message);
    }

    public Problem forApp(String name) {
        return new Problem(severity, position, Optional.of(name), message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code path:line:col: error: message}, the path relative to {@code root} when it lies inside it. */
    public String format(Path root) {
        Path file = position.file();
        Path shown = file.isAbsolute() && file.startsWith(root) ? root.relativize(file) : file;
        return shown + ":" + position.line() + ":" + position.column() + ": " + severity.label() + ": " + message;
    }
}
