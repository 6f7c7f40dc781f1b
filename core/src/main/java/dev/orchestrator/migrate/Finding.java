package dev.orchestrator.migrate;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing the import says about a PM2 config or one of its apps. Nothing is dropped silently: every key that is not
 * carried over one to one produces a finding.
 *
 * @param file the PM2 config file it concerns
 * @param app  the app, when it concerns one
 */
public record Finding(Path file, Optional<String> app, Kind kind, String message) {

    /** What happened, from harmless to needing the user's attention. */
    public enum Kind {
        /** A PM2 option became our equivalent (node_args -> interpreter_args, a pipenv wrapper -> runtime: python). */
        MAPPED,
        /** A value PM2 needed but the orchestrator sets itself (PM2_PROCESS_NAME, HEARTBEAT_PORT...): not written. */
        DROPPED,
        /** A secret-looking value went to the env file instead of the YAML. */
        SECRET,
        /** A PM2 option with no equivalent here: not written, and why. */
        UNSUPPORTED,
        /** Worth checking by hand (a path that does not exist, an env profile not imported...). */
        WARNING,
        /** The config could not be imported, or one of its outputs was not written. */
        ERROR;

        /** The label printed before the message. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Finding {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    static Finding of(Path file, String app, Kind kind, String message) {
        return new Finding(file, Optional.ofNullable(app), kind, message);
    }

    /** {@code agents/duck/ecosystem.config.js: duck_voice: mapped: ...}, the path relative to {@code root}. */
    public String format(Path root) {
        Path shown = file.startsWith(root) ? root.relativize(file) : file;
        return shown + ": " + app.map(a -> a + ": ").orElse("") + kind.label() + ": " + message;
    }
}
