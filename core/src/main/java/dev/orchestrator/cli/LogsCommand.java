package dev.orchestrator.cli;

import dev.orchestrator.cli.logfiles.LogCatalog;
import dev.orchestrator.cli.logfiles.LogFollower;
import dev.orchestrator.cli.logfiles.LogQuery;
import dev.orchestrator.cli.logfiles.LogReader;
import dev.orchestrator.cli.logfiles.LogStream;
import dev.orchestrator.cli.logfiles.Timestamps;
import dev.orchestrator.descriptor.RootConfigReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code orchestrator logs [NAME|NAME:i|NAMESPACE] [--lines N] [--follow] [--out|--err] [--since T] [--grep RE]}:
 * straight from the files in the logs folder, with or without a running orchestrator. Like {@code pm2 logs}, the
 * last 15 lines of each stream by default; with {@code --since} or {@code --grep} and no {@code --lines}, every match.
 */
@Command(name = "logs", description = "Print app logs from the files (works without a running orchestrator).")
final class LogsCommand implements Callable<Integer> {

    static final int DEFAULT_LINES = 15;

    @Mixin
    ProjectOption project;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "An app, NAME:i, a namespace, or all (default).")
    String target;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", description = "The last N lines of each stream "
            + "(default 15; every line with --since or --grep).")
    Integer lines;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines, across rotations, until Ctrl-C.")
    boolean follow;

    @Option(names = "--out", description = "Only stdout.")
    boolean outOnly;

    @Option(names = "--err", description = "Only stderr.")
    boolean errOnly;

    @Option(names = "--since", paramLabel = "T", description = "Only lines from T on: 10m, 2h, 1d, or "
            + "2026-11-27T10:00. Lines need leading timestamps (log_date_format); else file times are used.")
    String since;

    @Option(names = "--grep", paramLabel = "RE", description = "Only lines where this Java regex is found.")
    String grep;

    @Option(names = "--json", description = "One JSON object per line: {\"schema\":1,\"app\",\"instance\","
            + "\"stream\",\"line\"}.")
    boolean json;

    @Spec
    CommandSpec spec;

    /** How often {@code --follow} looks at the files. */
    Duration pollInterval = Duration.ofMillis(200);

    @Override
    public Integer call() {
        LogQuery query = query();
        Path root = project.root();
        Path folder = root.resolve(new RootConfigReader().read(root).logs()).normalize();
        if (!Files.isDirectory(folder)) {
            throw new CliException(ExitCodes.FAILED, "log folder '" + ConfigView.relative(root, folder)
                    + "' not found in " + root + ": nothing was logged yet; start the apps with 'orchestrator up'");
        }
        List<LogStream> streams;
        try {
            streams = new LogSelection(root, folder, LogCatalog.scan(folder)).select(target).stream()
                    .filter(s -> !outOnly || s.kind() == LogStream.Kind.OUT)
                    .filter(s -> !errOnly || s.kind() == LogStream.Kind.ERR)
                    .toList();
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "log folder '" + folder + "' cannot be read: " + e.getMessage()
                    + "; check its permissions");
        }
        if (streams.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("note: no log files in " + ConfigView.relative(root, folder) + " yet; start the apps with "
                    + "'orchestrator up'");
            err.flush();
            return ExitCodes.OK;
        }
        LogPrinter printer = new LogPrinter(spec.commandLine().getOut(), streams, json, colour());
        try {
            List<Path> byMtime = print(streams, query, printer);
            if (!byMtime.isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("note: --since used file modification times for " + String.join(", ",
                        byMtime.stream().map(p -> ConfigView.relative(root, p)).toList()) + ": their lines carry no "
                        + "timestamps (set log_date_format to filter line by line)");
                err.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ExitCodes.OK;
    }

    private List<Path> print(List<LogStream> streams, LogQuery query, LogPrinter printer) throws IOException {
        LogReader reader = new LogReader(query);
        LogFollower follower = new LogFollower(query, printer::line);
        List<Path> byMtime = new ArrayList<>();
        for (LogStream s : streams) {
            LogFollower.Start start = follow ? LogFollower.Start.of(s.active()) : LogFollower.Start.NOTHING;
            long activeEnd = follow && start.fileKey() != null ? start.position() : Long.MAX_VALUE;
            LogReader.Result result = query.limit().isPresent()
                    ? reader.tail(s, activeEnd)
                    : reader.stream(s, activeEnd, line -> printer.line(s, line));
            result.lines().forEach(line -> printer.line(s, line));
            byMtime.addAll(result.judgedByMtime());
            printer.flush();
            follower.add(s, start);
        }
        if (follow) {
            printer.flush();
            follower.run(pollInterval);
        }
        return byMtime;
    }

    private LogQuery query() {
        if (outOnly && errOnly) {
            throw new CliException(ExitCodes.USAGE, "--out and --err exclude each other; give one, or neither for both");
        }
        if (lines != null && lines < 0) {
            throw new CliException(ExitCodes.USAGE, "--lines " + lines + " is not valid: give 0 or more");
        }
        Optional<Pattern> pattern = Optional.empty();
        if (grep != null) {
            try {
                pattern = Optional.of(Pattern.compile(grep));
            } catch (PatternSyntaxException e) {
                throw new CliException(ExitCodes.USAGE, "--grep '" + grep + "' is not a valid regular expression: "
                        + e.getDescription() + " near index " + e.getIndex());
            }
        }
        ZoneId zone = ZoneId.systemDefault();
        Optional<Instant> from = Optional.empty();
        if (since != null) {
            try {
                from = Optional.of(Timestamps.since(since, Instant.now(), zone));
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, e.getMessage());
            }
        }
        OptionalInt limit = lines != null ? OptionalInt.of(lines)
                : since == null && grep == null ? OptionalInt.of(DEFAULT_LINES) : OptionalInt.empty();
        return new LogQuery(pattern, from, limit, zone);
    }

    private static boolean colour() {
        var console = System.console();
        return dev.orchestrator.cli.logfiles.Palette.enabled(console != null && console.isTerminal(), System.getenv());
    }
}
