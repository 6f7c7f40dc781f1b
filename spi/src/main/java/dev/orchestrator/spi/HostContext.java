package dev.orchestrator.spi;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a plugin may know about the machine, supplied by the host so plans are fast and testable. The host answers from
 * the PATH the app will get and caches what it learns; implementations are thread-safe.
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
}
