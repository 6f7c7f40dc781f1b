package dev.orchestrator.cli;

import dev.orchestrator.control.ControlClient;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The command lines that must start fast ({@code ls}, {@code start|stop|restart}, {@code down}, {@code up} and its
 * daemon, {@code --version}), parsed by hand. picocli's classes are Java 5 bytecode that the JDK's AOT cache cannot
 * hold, so loading and verifying them cost 80-250 ms at every start. Only plain forms are taken: each option once,
 * {@code -C DIR}, {@code -C=DIR}, {@code --project DIR} or {@code --project=DIR}; anything else (help, clustered
 * flags, {@code --}, {@code @files}, a mistake) is left to picocli, so its messages and exit codes stay the contract.
 */
final class QuickCli {

    /** picocli's subcommand names and aliases: a first argument that is none of these means {@code up}. */
    static final Set<String> VERBS = Set.of("up", "config", "ls", "status", "describe", "logs", "start", "stop",
            "restart", "reload", "down", "plugins", "import", "startup", "unstartup", "help", "__aot-training");

    /** First arguments that need no project: {@link #verbFirst} drops a {@code -C} before them. */
    private static final Set<String> HELP_AND_VERSION = Set.of("help", "-h", "--help", "-V", "--version");

    /** The verbs here that talk to a running orchestrator over its socket. */
    private static final Set<String> CONNECTING = Set.of("ls", "status", "down", "start", "stop", "restart");

    private static final Map<String, String> JSON = Map.of("--json", "json");
    private static final Map<String, String> UP = Map.of("-w", "watch", "--watch", "watch", "-d", "detach",
            "--detach", "detach", Daemon.CHILD_FLAG, "daemon-child");

    private QuickCli() {
    }

    /** Runs {@code args} when they are a plain form; empty when picocli must parse them. */
    static OptionalInt run(String[] args, PrintWriter out, PrintWriter err) {
        args = verbFirst(args);
        if (args.length == 1 && (args[0].equals("-V") || args[0].equals("--version"))) {
            out.println(Entry.versionLine());
            out.flush();
            return OptionalInt.of(ExitCodes.OK);
        }
        boolean verbGiven = args.length > 0 && VERBS.contains(args[0]);
        String verb = verbGiven ? args[0] : "up";
        if (CONNECTING.contains(verb)) {
            ControlClient.prepare(); // overlaps the JDK's Unix-socket set-up with the parsing below
        }
        Parsed p = parse(verb, Arrays.asList(args).subList(verbGiven ? 1 : 0, args.length));
        return p == null ? OptionalInt.empty() : OptionalInt.of(execute(verb, p, out, err));
    }

    /** The verbs here that talk to a running orchestrator and need no terminal: a thin client may forward them. */
    static boolean forwardable(String verb) {
        return CONNECTING.contains(verb) && !verb.equals("down");
    }

    /** {@code rest} (the arguments after the verb) parsed for {@code verb}; null when it is not a plain form. */
    static Parsed parse(String verb, List<String> rest) {
        return switch (verb) {
            case "ls", "status", "down" -> parse(rest, JSON, 0, 0);
            case "start", "stop", "restart" -> parse(rest, JSON, 1, 1);
            case "up" -> parse(rest, UP, 0, Integer.MAX_VALUE);
            default -> null;
        };
    }

    /** Runs a parsed plain form; a {@link CliException} becomes its message on {@code err} and its exit code. */
    static int execute(String verb, Parsed p, PrintWriter out, PrintWriter err) {
        try {
            return switch (verb) {
                case "ls", "status" -> Verbs.ls(p.project, p.has("json"), out);
                case "down" -> Verbs.down(p.project, p.has("json"), out);
                case "start", "stop", "restart" -> Verbs.action(Verbs.Action.valueOf(verb.toUpperCase(Locale.ROOT)),
                        p.project, p.positionals.getFirst(), p.has("json"), out);
                default -> Up.run(new Up.Args(p.project, p.has("watch"), p.has("detach"), p.has("daemon-child"),
                        p.positionals), out, err);
            };
        } catch (CliException e) {
            err.println("orchestrator: " + e.getMessage());
            err.flush();
            return e.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("orchestrator: interrupted");
            err.flush();
            return ExitCodes.FAILED;
        }
    }

    /**
     * The project option may come before the verb, git style ({@code -C DIR ls}): this moves a leading {@code -C DIR},
     * {@code --project DIR}, {@code -C=DIR} or {@code --project=DIR} behind the verb that follows it, where every
     * verb declares it. Help and version need no project, so before {@code help}, {@code -h}, {@code --help},
     * {@code -V} or {@code --version} it is dropped. Anything else is returned as given (options only, or app names,
     * mean {@code up}). The launcher script does the same (its verb decides the AOT cache and the heap).
     */
    static String[] verbFirst(String[] args) {
        int width = args.length == 0 ? 0 : switch (args[0]) {
            case "-C", "--project" -> 2;
            default -> args[0].startsWith("-C=") || args[0].startsWith("--project=") ? 1 : 0;
        };
        if (width == 0 || args.length <= width) {
            return args;
        }
        String verb = args[width];
        boolean noProject = HELP_AND_VERSION.contains(verb);
        if (!noProject && !VERBS.contains(verb)) {
            return args;
        }
        List<String> moved = new ArrayList<>(args.length);
        moved.add(verb);
        if (!noProject) {
            moved.addAll(Arrays.asList(args).subList(0, width));
        }
        moved.addAll(Arrays.asList(args).subList(width + 1, args.length));
        return moved.toArray(String[]::new);
    }

    /** What a plain command line holds: the {@code -C} value (null when none), the flags given, the positionals. */
    record Parsed(Path project, Set<String> flags, List<String> positionals) {
        boolean has(String flag) {
            return flags.contains(flag);
        }

        /** The same command line with {@code root} as its project. */
        Parsed in(Path root) {
            return new Parsed(root, flags, positionals);
        }
    }

    /**
     * Parses {@code tokens} against {@code flagNames} (option name to flag) plus {@code -C}; null when the tokens are
     * not a plain form or the positionals are not between {@code min} and {@code max}.
     */
    static Parsed parse(List<String> tokens, Map<String, String> flagNames, int min, int max) {
        String project = null;
        Set<String> flags = new HashSet<>();
        List<String> positionals = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            String value;
            if (token.equals("-C") || token.equals("--project")) {
                if (i + 1 == tokens.size()) {
                    return null;
                }
                value = tokens.get(++i);
            } else if (token.startsWith("-C=") || token.startsWith("--project=")) {
                value = token.substring(token.indexOf('=') + 1);
            } else if (token.startsWith("-") || token.startsWith("@")) {
                String flag = flagNames.get(token);
                if (flag == null || !flags.add(flag)) {
                    return null;
                }
                continue;
            } else {
                positionals.add(token);
                continue;
            }
            if (project != null || value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
                return null;
            }
            project = value;
        }
        if (positionals.size() < min || positionals.size() > max) {
            return null;
        }
        try {
            return new Parsed(project == null ? null : Path.of(project), flags, positionals);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
