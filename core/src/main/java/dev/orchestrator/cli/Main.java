package dev.orchestrator.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: picocli dispatches to one small class per verb; plain {@code orchestrator} means {@code up}. */
@Command(name = "orchestrator", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Runs every service and agent of a monorepo: discovery, supervision, logs, hot reload.",
        subcommands = {ConfigCommand.class, PluginsCommand.class, CommandLine.HelpCommand.class,
                LsCommand.class, DescribeCommand.class, LogsCommand.class, StartCommand.class, StopCommand.class,
                RestartCommand.class, ReloadCommand.class, DownCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; returns the exit code (tests call this directly). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof CliException cli1) {
                commandLine.getErr().println("orchestrator: " + cli1.getMessage());
                return cli1.exitCode();
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CliException(ExitCodes.USAGE, "no verb given; try 'orchestrator config' or 'orchestrator --help'");
    }

    /** {@code --version}: the jar's Implementation-Version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"orchestrator " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
        }
    }
}
