package dev.orchestrator.cli;

import dev.orchestrator.discovery.ProjectRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code -C DIR} / {@code --project DIR}, and finding the project root from the current directory (CONTRACTS). */
public final class ProjectOption {

    @Option(names = {"-C", "--project"}, paramLabel = "DIR",
            description = "The project root (default: the nearest folder upwards holding orchestrator.yaml, "
                    + "else services/ or agents/).")
    Path project;

    /** The project root, or a {@link CliException} saying how to point at one. */
    Path root() {
        return resolve(project);
    }

    /** The project root for a {@code -C} value (null when none was given); the picocli-free path calls this too. */
    static Path resolve(Path project) {
        if (project != null && !Files.isDirectory(project)) {
            throw new CliException(ExitCodes.FAILED, "project folder '" + project + "' not found; pass an existing "
                    + "folder to -C");
        }
        Path cwd = Path.of("").toAbsolutePath();
        return ProjectRoot.find(cwd, Optional.ofNullable(project).map(p -> p.toAbsolutePath().normalize()))
                .orElseThrow(() -> new CliException(ExitCodes.FAILED, "no project found from " + cwd + " upwards "
                        + "(no orchestrator.yaml, services/ or agents/); run inside your monorepo or pass -C DIR"));
    }
}
