package dev.orchestrator.cli;

import dev.orchestrator.control.CommandOutcome;
import dev.orchestrator.control.ForwardedCommand;
import dev.orchestrator.discovery.ProjectRoot;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs, inside the orchestrator, the short command lines the launcher's thin client forwards (op {@code cli}): a JVM
 * costs ~50 ms before it has sent a byte, the orchestrator is warm. Only what {@link QuickCli} runs as a plain form
 * and needs no terminal ({@code ls}, {@code status}, {@code start}, {@code stop}, {@code restart}), only for this
 * orchestrator's own project, and only when the client stands for the very build this orchestrator runs: everything
 * else is declined and the launcher runs the CLI in a JVM, so output and exit codes are always the CLI's own.
 */
final class Forwarding {

    private final Path root;
    private final Build build;

    private Forwarding(Path root, Build build) {
        this.root = root;
        this.build = build;
    }

    /** The handler of an orchestrator serving {@code root}; notes this JVM's build now, before any rebuild. */
    static Function<ForwardedCommand, CommandOutcome> handler(Path root) {
        return new Forwarding(root, Build.current())::run;
    }

    /** For tests: the handler as if this JVM ran {@code build}. */
    static Function<ForwardedCommand, CommandOutcome> handler(Path root, Build build) {
        return new Forwarding(root, build)::run;
    }

    CommandOutcome run(ForwardedCommand command) {
        if (!build.sameAs(command.classpath())) {
            return CommandOutcome.declined("the orchestrator runs another build of the CLI (" + build.classpath()
                    + "); run the command in a JVM");
        }
        String[] args = QuickCli.verbFirst(command.argv().toArray(String[]::new));
        String verb = args.length == 0 ? "" : args[0];
        QuickCli.Parsed parsed = QuickCli.forwardable(verb)
                ? QuickCli.parse(verb, Arrays.asList(args).subList(1, args.length)) : null;
        if (parsed == null) {
            return CommandOutcome.declined("only plain forms of ls, status, start, stop and restart are forwarded");
        }
        if (!ownProject(command.cwd(), parsed.project())) {
            return CommandOutcome.declined("the command is for another project than " + root);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try {
            exit = QuickCli.execute(verb, parsed.in(root), new PrintWriter(out), new PrintWriter(err));
        } catch (RuntimeException e) {
            // Not declined: the command may have acted already, and a JVM running it again would restart twice.
            err.write("orchestrator: '" + String.join(" ", command.argv()) + "' failed inside the orchestrator: " + e
                    + "; run it again with ORCHESTRATOR_QUICK=0 and report the error\n");
            exit = ExitCodes.FAILED;
        }
        return CommandOutcome.ran(exit, out.toString(), err.toString());
    }

    /** Whether the client's project ({@code -C} from its folder, else found from there upwards) is this one. */
    private boolean ownProject(Path cwd, Path project) {
        Optional<Path> given = Optional.ofNullable(project).map(p -> cwd.resolve(p).normalize());
        if (given.isPresent() && !Files.isDirectory(given.get())) {
            return false; // the CLI's own message says so
        }
        Optional<Path> found = ProjectRoot.find(cwd, given);
        try {
            return found.isPresent() && (found.get().equals(root) || Files.isSameFile(found.get(), root));
        } catch (IOException e) {
            return false;
        }
    }

    /** A class path and the modification times of its files (the jar) when this JVM started. */
    record Build(String classpath, List<Optional<FileTime>> modified) {

        static Build current() {
            return of(System.getProperty("java.class.path", ""));
        }

        /** {@code classpath} as its files are now. */
        static Build of(String classpath) {
            return new Build(classpath, times(classpath));
        }

        /** Whether {@code classpath} is this JVM's and none of its files was replaced since (a rebuilt jar). */
        boolean sameAs(String other) {
            return classpath.equals(other) && modified.equals(times(classpath));
        }

        private static List<Optional<FileTime>> times(String classpath) {
            List<Optional<FileTime>> times = new ArrayList<>();
            for (String entry : classpath.split(File.pathSeparator)) {
                Path path = Path.of(entry);
                try {
                    times.add(Files.isRegularFile(path) ? Optional.of(Files.getLastModifiedTime(path))
                            : Optional.empty());
                } catch (IOException e) {
                    times.add(Optional.empty());
                }
            }
            return times;
        }
    }
}
