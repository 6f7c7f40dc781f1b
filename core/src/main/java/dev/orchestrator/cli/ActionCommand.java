package dev.orchestrator.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code start|stop|restart SELECTOR}: the same shape, a different op. */
abstract class ActionCommand implements Callable<Integer> {

    @Mixin
    ProjectOption project;

    @Parameters(index = "0", paramLabel = "SELECTOR",
            description = "An app (all its instances), NAME:i (one instance), a namespace, or all.")
    String selector;

    @Option(names = "--json", description = "Print the result as JSON (schema 1).")
    boolean json;

    @Spec
    CommandSpec spec;

    abstract Verbs.Action action();

    @Override
    public Integer call() {
        return Verbs.action(action(), project.project, selector, json, spec.commandLine().getOut());
    }
}
