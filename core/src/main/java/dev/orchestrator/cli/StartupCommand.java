package dev.orchestrator.cli;

import dev.orchestrator.boot.Startup;
import dev.orchestrator.boot.SystemdUnit;
import dev.orchestrator.boot.UnitScope;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code orchestrator startup}: a systemd unit that runs {@code orchestrator up} for this project at boot. */
@Command(name = "startup", description = "Write a systemd unit that runs 'orchestrator up' for this project at boot "
        + "(no save/resurrect: the descriptors are the saved state).")
final class StartupCommand implements Callable<Integer> {

    /** {@code --user} (default) or {@code --system}; shared with unstartup. */
    static final class Scope {
        @Option(names = "--user", description = "A user unit in ~/.config/systemd/user (default).")
        boolean user;

        @Option(names = "--system", description = "A system unit in /etc/systemd/system, with User= (needs root).")
        boolean system;

        static UnitScope of(Scope scope) {
            return scope != null && scope.system ? UnitScope.SYSTEM : UnitScope.USER;
        }
    }

    @Mixin
    ProjectOption project;

    @ArgGroup(exclusive = true)
    Scope scope;

    @Option(names = "--print", description = "Only print the unit.")
    boolean print;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path root = project.root();
        UnitScope unitScope = Scope.of(scope);
        SystemdUnit unit = Startup.unit(unitScope, launcher(), Projects.load(root), System.getenv());
        Path file = Startup.path(unitScope, root, System.getenv());
        PrintWriter out = spec.commandLine().getOut();
        if (print) {
            out.print(unit.render());
            out.flush();
            return ExitCodes.OK;
        }
        boolean replaced;
        try {
            replaced = Startup.install(unit, file);
        } catch (AccessDeniedException e) {
            throw new CliException(ExitCodes.FAILED, "unit '" + file + "' cannot be written: permission denied; "
                    + (unitScope == UnitScope.SYSTEM ? "run it with sudo" : "check the permissions of "
                    + file.getParent()));
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "unit '" + file + "' cannot be written: " + e.getMessage());
        }
        out.println((replaced ? "Replaced " : "Wrote ") + file + " (TimeoutStopSec="
                + unit.render().lines().filter(l -> l.startsWith("TimeoutStopSec=")).findFirst().orElseThrow()
                .substring("TimeoutStopSec=".length()) + ": the slowest kill_timeout plus 10s).");
        out.println("PATH and HOME are those of this shell; run startup again after changing them.");
        out.println("Enable it and start it now:");
        Startup.enableHints(unit).forEach(h -> out.println("  " + h));
        out.flush();
        return ExitCodes.OK;
    }

    /** The launcher sets orchestrator.home; the unit must run the launcher, which finds the JDK and the jar. */
    static Path launcher() {
        String home = System.getProperty("orchestrator.home");
        if (home == null || home.isBlank()) {
            throw new CliException(ExitCodes.FAILED, "the launcher's path is unknown: this JVM was not started by "
                    + "the orchestrator launcher (system property orchestrator.home is unset); run "
                    + "'<checkout>/orchestrator startup'");
        }
        Path launcher = Path.of(home).toAbsolutePath().normalize().resolve("orchestrator");
        if (!Files.isExecutable(launcher)) {
            throw new CliException(ExitCodes.FAILED, "launcher '" + launcher + "' not found or not executable; "
                    + "check orchestrator.home (" + home + ")");
        }
        return launcher;
    }
}
