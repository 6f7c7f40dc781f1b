package dev.orchestrator.cli;

import dev.orchestrator.control.ProcessRow;
import dev.orchestrator.supervisor.InstanceLock;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code up -d} under plain {@code java -jar} (the launcher script starts the daemon itself, without this JVM): starts
 * the orchestrator as a detached daemon (its own session, output appended to {@code .orchestrator/orchestrator.log}),
 * reads its start-up report ({@link DaemonReport}) until every app has been launched or has failed, and returns. The
 * daemon is this same JVM command line with {@code up --daemon-child}, so it runs the very same build.
 */
final class Daemon {

    static final String CHILD_FLAG = "--daemon-child";
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private Daemon() {
    }

    /** Starts the daemon unless one runs, relays its report, returns the exit code it reported. */
    static int detach(Path root, Up.Args args, PrintWriter out, PrintWriter err) {
        try (InstanceLock probe = InstanceLock.acquire(root.resolve(".orchestrator"))) {
            // free: the daemon takes it next
        } catch (InstanceLock.AlreadyRunningException e) {
            throw new CliException(ExitCodes.FAILED, e.getMessage());
        }
        List<String> upArgs = new ArrayList<>(args.only());
        if (args.watch()) {
            upArgs.add("--watch");
        }
        Process daemon;
        try {
            daemon = spawn(root, upArgs);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "cannot start the orchestrator daemon: " + e.getMessage());
        }
        try (InputStream report = daemon.getInputStream()) {
            return relay(report, root, out, err);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "cannot read the orchestrator daemon's start-up report: "
                    + e.getMessage() + "; see " + log(root));
        }
    }

    /**
     * Spawns the daemon in its own session, cwd the project root, stdout and stderr appended to its log, and its
     * start-up report ({@link DaemonReport}) on descriptor 3, which is the returned process's stdout: a shell sets
     * the descriptors up, since ProcessBuilder passes only 0, 1 and 2.
     */
    static Process spawn(Path root, List<String> upArgs) throws IOException {
        Files.createDirectories(root.resolve(".orchestrator"));
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c",
                "exec 3>&1 1>>\"$0\" 2>&1; exec /usr/bin/setsid \"$@\"", log(root).toString()));
        argv.addAll(ownJvmCommand());
        argv.add("up");
        argv.add(CHILD_FLAG);
        argv.add("-C");
        argv.add(root.toString());
        argv.addAll(upArgs);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(root.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.appendTo(log(root).toFile()));
        pb.environment().put("NO_COLOR", "1");
        return pb.start();
    }

    /**
     * Copies the report to {@code out} and {@code err} until its exit code; when the pipe ends without one, the daemon
     * could not start (and said why) or died (and the end of its log says why).
     */
    static int relay(InputStream report, Path root, PrintWriter out, PrintWriter err) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(report, StandardCharsets.UTF_8));
        boolean said = false;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.length() < 3 || line.charAt(0) != DaemonReport.TAG) {
                continue;
            }
            String text = line.substring(3);
            switch (line.charAt(1)) {
                case 'O' -> out.println(text);
                case 'E' -> {
                    err.println(text);
                    said = true;
                }
                case 'X' -> {
                    out.flush();
                    err.flush();
                    return Integer.parseInt(text.strip());
                }
                default -> {
                    // a tag of a newer daemon: skip it
                }
            }
        }
        out.flush();
        err.flush();
        if (said) {
            return ExitCodes.FAILED; // it could not start, and said why
        }
        throw new CliException(ExitCodes.FAILED, exitedDuringStartUp(root).substring("orchestrator: ".length()));
    }

    /** What the starter says when the daemon ended before its apps settled, with the end of its log. */
    static String exitedDuringStartUp(Path root) {
        return "orchestrator: the orchestrator daemon exited during start-up; the end of its log (" + log(root)
                + "):\n" + tail(log(root));
    }

    /** What {@code up -d} prints once the apps settled: the daemon's pid and log, then the ls table. */
    static String summary(long pid, Path root, List<ProcessRow> rows) {
        StringBuilder text = new StringBuilder("orchestrator daemon running (pid " + pid + ") for " + root + "; log: "
                + log(root) + "\n");
        LsTable.lines(rows, Instant.now()).forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    static Path log(Path root) {
        return root.resolve(".orchestrator/orchestrator.log");
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(cannot read it: " + e.getMessage() + ")";
        }
    }

    /** This JVM's command line up to the jar or main class: the same java, flags and classpath for the daemon. */
    static List<String> ownJvmCommand() throws IOException {
        byte[] raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        List<String> command = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            command.add(arg);
            if (arg.equals("-jar") || arg.equals("-cp") || arg.equals("-classpath") || arg.equals("--class-path")) {
                command.add(args.get(++i));
                if (arg.equals("-jar")) {
                    return command;
                }
            } else if (i > 0 && !arg.startsWith("-")) {
                return command; // the main class
            }
        }
        throw new IOException("cannot tell this JVM's command line from /proc/self/cmdline: " + args);
    }
}
