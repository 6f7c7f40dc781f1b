package dev.orchestrator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/** Copies the fixture trees under {@code src/test/resources/projects/} into a temporary folder, keeping exec bits. */
public final class FixtureProjects {

    private static final Path SOURCE = Path.of("src/test/resources/projects");

    private FixtureProjects() {
    }

    public static Path copy(String name, Path into) {
        return copyTree(SOURCE.resolve(name), into.resolve(name));
    }

    /** Copies the tree {@code from} to {@code to} (exec bits kept); returns {@code to}'s real path. */
    public static Path copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            return to.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A folder of fake executables ({@code #!/bin/sh} scripts that print their name), for a test PATH. */
    public static Path fakeBin(Path into, String... commands) {
        try {
            Path bin = Files.createDirectories(into.resolve("fake-bin"));
            for (String command : commands) {
                Path file = bin.resolve(command);
                Files.writeString(file, "#!/bin/sh\necho " + command + " \"$@\"\n");
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            return bin.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
