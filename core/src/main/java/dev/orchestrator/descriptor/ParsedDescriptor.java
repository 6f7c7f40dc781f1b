package dev.orchestrator.descriptor;

import java.nio.file.Path;
import java.util.List;

/**
 * What one descriptor file holds, and everything wrong with it. A file with any error contributes none of its apps
 * (CONTRACTS, scope of a failure); {@link #apps()} still lists what could be read, so the apps can be shown as failed.
 */
public record ParsedDescriptor(Path file, FileLevel fileLevel, List<AppEntry> apps, List<Problem> problems) {

    public ParsedDescriptor {
        apps = List.copyOf(apps);
        problems = List.copyOf(problems);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    /** The folder the file lives in: paths in it resolve against this. */
    public Path folder() {
        return file.toAbsolutePath().getParent();
    }
}
