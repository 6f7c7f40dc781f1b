package dev.orchestrator.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The full command line: picocli dispatches to one small class per verb; plain {@code orchestrator} means {@code up}.
 * {@link Entry} sends the common forms through {@link QuickCli} first.
 */
@Command(name = "orchestrator", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Runs every service and agent of a monorepo: discovery, supervision, logs, hot reload.",
        subcommands = {UpCommand.class, ConfigCommand.class, LsCommand.class, DescribeCommand.class,
                LogsCommand.class, StartCommand.class, StopCommand.class, RestartCommand.class, ReloadCommand.class,
                DownCommand.class, PluginsCommand.class, ImportCommand.class, StartupCommand.class,
                UnstartupCommand.class, CommandLine.HelpCommand.class, AotTraining.class})
public final class Main implements Runnable {

    /** The same as {@link Entry#main}, for command lines that name this class. */
    public static void main(String[] args) {
        Entry.main(args);
    }

    /** Runs one command line through picocli; returns the exit code ({@link Entry#run} tries the quick path first). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        args = withDefaultVerb(cli, QuickCli.verbFirst(args));
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

    /**
     * Plain {@code orchestrator} (or only options such as {@code -C DIR}) means {@code up}, as with PM2's start; a
     * {@code -C DIR} before a verb has been moved behind it ({@link QuickCli#verbFirst}).
     */
    static String[] withDefaultVerb(CommandLine cli, String[] args) {
        if (args.length > 0 && (cli.getSubcommands().containsKey(args[0]) || List.of("-h", "--help", "-V",
                "--version").contains(args[0]))) {
            return args;
        }
        String[] withUp = new String[args.length + 1];
        withUp[0] = "up";
        System.arraycopy(args, 0, withUp, 1, args.length);
        return withUp;
    }

    @Override
    public void run() {
        throw new CliException(ExitCodes.USAGE, "no verb given; try 'orchestrator up' or 'orchestrator --help'");
    }

    /** This build's version, as {@code --version} and the control protocol's hello say it. */
    public static String version() {
        return Entry.version();
    }

    /** {@code --version}: the jar's Implementation-Version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Entry.versionLine()};
        }
    }
}
