package dev.orchestrator.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code orchestrator down}: stop every app and end the orchestrator (foreground or daemon). */
@Command(name = "down", description = "Stop every app and exit the orchestrator.")
final class DownCommand implements Callable<Integer> {

    @Mixin
    ProjectOption project;

    @Option(names = "--json", description = "Print the result as JSON (schema 1).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return Verbs.down(project.project, json, spec.commandLine().getOut());
    }
}
