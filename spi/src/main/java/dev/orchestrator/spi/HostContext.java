package dev.orchestrator.spi;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a plugin may know about the machine, supplied by the host so plans are fast and testable. The host answers from
 * the PATH the app will get and caches what it learns; implementations are thread-safe.
 *
 * <p>The file probes ({@link #isFile}, {@link #isDirectory}, {@link #isExecutableFile}, {@link #list}) answer as the
 * {@link Files} methods they name would, but the orchestrator answers each path once per project load: a folder that
 * thousands of apps share (the project root, {@code services/}) is looked at once, not once per app. A later load
 * (a reload) looks again. Probe through them rather than {@link Files} when checking for marker and entry files;
 * pass the folder and the name apart, as the host keys its answers by folder. The defaults ask the file system
 * directly, so a context written before they existed keeps working: they are default methods, added within SPI 1
 * without changing {@link RuntimePlugin#SPI_VERSION}.
 */
public interface HostContext {

    /** The project root (the folder holding {@code orchestrator.yaml}, {@code services/} or {@code agents/}). */
    Path projectRoot();

    /** The executable {@code command} resolves to on the app's PATH, if any. */
    Optional<Path> which(String command);

    /**
     * The version a tool reports, e.g. {@code "20.20.2"} for {@code node}, without a leading {@code v}; empty when the
     * tool is missing or does not say. The host runs the tool at most once per path and caches the answer.
     */
    Optional<String> toolVersion(String command);

    /**
     * Whether {@code folder/name} is a regular file, following links: {@link Files#isRegularFile}. {@code name} is a
     * file name ({@code "Pipfile"}) or a relative path ({@code "src/index.ts"}); a plain name is cheapest to answer.
     */
    default boolean isFile(Path folder, String name) {
        return Files.isRegularFile(folder.resolve(name));
    }

    /** Whether {@code folder/name} is a folder, following links: {@link Files#isDirectory}. */
    default boolean isDirectory(Path folder, String name) {
        return Files.isDirectory(folder.resolve(name));
    }

    /** Whether {@code folder/name} is a regular file this process may execute ({@link Files#isExecutable}). */
    default boolean isExecutableFile(Path folder, String name) {
        Path path = folder.resolve(name);
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }

    /**
     * The names of the entries of {@code folder} (files, folders, links), sorted; empty when it is not a folder or
     * cannot be read.
     */
    default List<String> list(Path folder) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            entries.forEach(entry -> names.add(entry.getFileName().toString()));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        names.sort(null);
        return List.copyOf(names);
    }
}
