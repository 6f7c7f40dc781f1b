package dev.orchestrator.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code orchestrator up}: runs every enabled app in the foreground, output on the console prefixed by app, until
 * SIGINT/SIGTERM stops everything (exit 0) or a second signal kills everything (exit 1). Plain {@code orchestrator}
 * means the same. The work is in {@link Up}; {@link QuickCli} parses the common forms without picocli.
 */
@Command(name = "up", description = "Run every app of the project in the foreground (Ctrl-C stops them all).")
final class UpCommand implements Callable<Integer> {

    @Mixin
    ProjectOption project;

    @Option(names = {"-w", "--watch"}, description = "Apply descriptor edits as they are saved (a validated diff: only "
            + "changed apps restart).")
    boolean watch;

    @Option(names = {"-d", "--detach"}, description = "Run as a daemon: return once every app has been launched or "
            + "has failed, then print the ls table. Its log is .orchestrator/orchestrator.log; stop it with down.")
    boolean detach;

    @Option(names = Daemon.CHILD_FLAG, hidden = true)
    boolean daemonChild;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..*",
            description = "Run only these apps or namespaces (default: every app that is not disabled).")
    List<String> only = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        return Up.run(new Up.Args(project.project, watch, detach, daemonChild, only), spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
