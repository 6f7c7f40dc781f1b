package dev.orchestrator.plugin.typescript;

import dev.orchestrator.plugin.support.Draft;
import dev.orchestrator.plugin.support.PackageJson;
import dev.orchestrator.spi.HostContext;
import dev.orchestrator.spi.PlanException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A TypeScript app's compiled output (package.json main into dist/, or dist/index.js), and whether it is stale. */
final class Compiled {

    private static final List<String> JS = List.of(".js", ".mjs", ".cjs");

    private Compiled() {
    }

    /** The JavaScript file node should run for {@code dir}, when the app has been built. */
    static Optional<Path> output(Path dir, HostContext host, Draft draft) throws PlanException {
        Optional<PackageJson.Main> main = PackageJson.mainOf(dir, host);
        if (main.isPresent()) {
            Optional<Path> file = main.get().file();
            if (file.isPresent() && isJavaScript(file.get())) {
                draft.note("package.json main: running the compiled " + dir.relativize(file.get()) + " with node");
                return file;
            }
            draft.note(file.isPresent()
                    ? "package.json main '" + main.get().value() + "' is not JavaScript: not compiled output"
                    : "package.json main '" + main.get().value() + "' is not built yet");
        }
        Path dist = dir.resolve("dist/index.js");
        if (host.isFile(dir, "dist/index.js")) {
            draft.note("running the compiled dist/index.js with node");
            return Optional.of(dist);
        }
        return Optional.empty();
    }

    static boolean isJavaScript(Path file) {
        String name = file.getFileName().toString();
        return JS.stream().anyMatch(name::endsWith);
    }

    /** Warns when a file under {@code dir/src} changed after {@code output} was built: the old code would run. */
    static void warnIfStale(Path dir, Path output, HostContext host, Draft draft) {
        Path src = dir.resolve("src");
        if (!host.isDirectory(dir, "src")) {
            return;
        }
        try (Stream<Path> files = Files.walk(src)) {
            FileTime built = Files.getLastModifiedTime(output);
            boolean newer = files.filter(Files::isRegularFile).anyMatch(file -> modified(file).compareTo(built) > 0);
            if (newer) {
                draft.warning("src/ is newer than " + dir.relativize(output) + "; run the build (npx tsc) or the old code runs");
            }
        } catch (IOException | UncheckedIOException e) {
            // An unreadable src/ cannot be compared; the launch itself is unaffected.
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
