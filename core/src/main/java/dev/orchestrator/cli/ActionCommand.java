package dev.orchestrator.cli;

import dev.orchestrator.control.ActionResult;
import dev.orchestrator.control.ControlClient;
import dev.orchestrator.control.ControlException;
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

    abstract ActionResult act(ControlClient client, String selector) throws ControlException;

    @Override
    public Integer call() {
        String checked = ControlCalls.selector(selector);
        ActionResult result = ControlCalls.with(project.root(), client -> act(client, checked));
        return ControlCalls.print(result, json, spec.commandLine().getOut());
    }
}
