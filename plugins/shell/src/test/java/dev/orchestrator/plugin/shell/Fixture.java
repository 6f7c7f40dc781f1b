package dev.orchestrator.plugin.shell;

import dev.orchestrator.spi.HostContext;
import dev.orchestrator.spi.LaunchRequest;
import dev.orchestrator.spi.Script;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fixture files in real temporary folders, and launch requests built step by step. */
final class Fixture {

    private Fixture() {
    }

    /** Writes {@code text} to {@code dir/relative}, creating folders. */
    static Path file(Path dir, String relative, String text) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path file(Path dir, String relative) {
        return file(dir, relative, "");
    }

    /** A {@code #!/bin/sh} file with mode 755. */
    static Path executable(Path dir, String relative) {
        Path file = file(dir, relative, "#!/bin/sh\n");
        try {
            return Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path folder(Path dir, String relative) {
        try {
            return Files.createDirectories(dir.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets a file's modification time, so "newer than" never depends on how fast the test runs. */
    static void modified(Path file, Instant at) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(at));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Request request(Path cwd, HostContext host) {
        return new Request(cwd, host);
    }

    /** A {@link LaunchRequest} under construction; defaults: no script, no args, no interpreter. */
    static final class Request {
        private final Path cwd;
        private final HostContext host;
        private Optional<Script> script = Optional.empty();
        private List<String> args = List.of();
        private Optional<String> interpreter = Optional.empty();
        private List<String> interpreterArgs = List.of();

        private Request(Path cwd, HostContext host) {
            this.cwd = cwd;
            this.host = host;
        }

        /** A script file, as the host classifies a value with {@code /} or naming an existing file. */
        Request file(String text) {
            script = Optional.of(new Script.File(text, cwd.resolve(text).normalize()));
            return this;
        }

        Request command(String text) {
            script = Optional.of(new Script.Command(text));
            return this;
        }

        Request args(String... values) {
            args = List.of(values);
            return this;
        }

        Request interpreter(String value) {
            interpreter = Optional.of(value);
            return this;
        }

        Request interpreterArgs(String... values) {
            interpreterArgs = List.of(values);
            return this;
        }

        LaunchRequest build() {
            return new LaunchRequest("app", cwd, script, args, interpreter, interpreterArgs, Map.of(), host);
        }
    }
}
