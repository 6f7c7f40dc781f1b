package dev.orchestrator.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code orchestrator reload}: re-scan the project now and apply the validated diff, as {@code --watch} does. PM2's
 * {@code reload NAME} (restart one app) is {@code restart NAME} here, and saying so beats guessing.
 */
@Command(name = "reload", description = "Re-scan the project now and apply what changed (the same diff as --watch).")
final class ReloadCommand implements Callable<Integer> {

    @Mixin
    ProjectOption project;

    @Parameters(arity = "0..1", paramLabel = "NAME", hidden = true)
    String name;

    @Option(names = "--json", description = "Print the result as JSON (schema 1).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (name != null) {
            throw new CliException(ExitCodes.USAGE, "reload takes no name: it re-scans the whole project; to restart "
                    + "one app (what 'pm2 reload " + name + "' does) run 'orchestrator restart " + name + "'");
        }
        return ControlCalls.print(ControlCalls.with(project.root(), c -> c.reload()), json,
                spec.commandLine().getOut());
    }
}
