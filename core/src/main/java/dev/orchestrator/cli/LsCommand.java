package dev.orchestrator.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code orchestrator ls} (alias {@code status}): the processes of the running orchestrator. A thin path: socket
 * connect and JSON, no descriptor read, no plugin loaded. {@code --json} is CONTRACTS' {@code ls --json}, the
 * {@code pm2 jlist} of this tool.
 */
@Command(name = "ls", aliases = "status", description = "List the processes of the running orchestrator.")
final class LsCommand implements Callable<Integer> {

    @Mixin
    ProjectOption project;

    @Option(names = "--json", description = "Print {\"schema\":1,\"apps\":[...]} (one object per process).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return Verbs.ls(project.project, json, spec.commandLine().getOut());
    }
}
