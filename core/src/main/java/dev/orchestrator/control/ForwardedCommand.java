package dev.orchestrator.control;

import java.nio.file.Path;
import java.util.List;

/**
 * A command line a thin client hands to the running orchestrator to run there (op {@code cli}): the arguments as the
 * user typed them, the client's working folder (relative paths in them mean that folder), and the class path of the
 * CLI it stands for, so that the orchestrator runs it only when it runs the very same build.
 */
public record ForwardedCommand(List<String> argv, Path cwd, String classpath) {

    public ForwardedCommand {
        argv = List.copyOf(argv);
    }
}
