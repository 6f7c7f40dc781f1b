package dev.orchestrator.cli;

import dev.orchestrator.boot.Startup;
import dev.orchestrator.boot.UnitName;
import dev.orchestrator.boot.UnitScope;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code orchestrator unstartup}: removes the unit {@code startup} wrote, and its enablement. */
@Command(name = "unstartup", description = "Remove the systemd unit 'orchestrator startup' wrote for this project.")
final class UnstartupCommand implements Callable<Integer> {

    @Mixin
    ProjectOption project;

    @ArgGroup(exclusive = true)
    StartupCommand.Scope scope;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path root = project.root();
        UnitScope unitScope = StartupCommand.Scope.of(scope);
        Path file = Startup.path(unitScope, root, System.getenv());
        PrintWriter out = spec.commandLine().getOut();
        List<Path> removed;
        try {
            removed = Startup.uninstall(file);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "unit '" + file + "' cannot be removed: " + e.getMessage()
                    + (unitScope == UnitScope.SYSTEM ? "; run it with sudo" : ""));
        }
        if (removed.isEmpty()) {
            out.println("No unit for this project at " + file + ": nothing to remove.");
            out.flush();
            return ExitCodes.OK;
        }
        removed.forEach(p -> out.println("Removed " + p));
        String ctl = "systemctl " + (unitScope == UnitScope.USER ? "--user " : "");
        out.println("If it is running, stop it, then let systemd forget it:");
        out.println("  " + ctl + "stop " + UnitName.of(root) + " && " + ctl + "daemon-reload");
        out.flush();
        return ExitCodes.OK;
    }
}
