package dev.orchestrator.cli;

import dev.orchestrator.control.ControlClient;
import dev.orchestrator.control.ControlException;
import dev.orchestrator.control.ProcessRow;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code up -d}: starts the orchestrator as a detached daemon (its own session, output appended to
 * {@code .orchestrator/orchestrator.log}), waits until every app has been launched or has failed, and returns.
 * The daemon is this same JVM command line with {@code up --daemon-child}, so it runs the very same build.
 */
final class Daemon {

    static final String CHILD_FLAG = "--daemon-child";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private Daemon() {
    }

    /** Spawns the daemon; returns its pid. */
    static long spawn(Path root, List<String> upArgs) throws IOException {
        Path stateDir = root.resolve(".orchestrator");
        Files.createDirectories(stateDir);
        Path log = stateDir.resolve("orchestrator.log");
        List<String> argv = new ArrayList<>();
        argv.add("/usr/bin/setsid");
        argv.addAll(ownJvmCommand());
        argv.add("up");
        argv.add(CHILD_FLAG);
        argv.add("-C");
        argv.add(root.toString());
        argv.addAll(upArgs);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(root.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        pb.environment().put("NO_COLOR", "1");
        return pb.start().pid();
    }

    /**
     * Waits until the daemon answers and no process is still {@code starting}, or the daemon died.
     *
     * @return the processes, once settled
     * @throws CliException when the daemon exited or did not answer in time, with the end of its log
     */
    static List<ProcessRow> awaitSettled(Path root, long pid) throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                try (ControlClient client = ControlClient.connect(root, Main.version())) {
                    List<ProcessRow> rows = client.list();
                    if (rows.stream().noneMatch(r -> r.status() == ProcessRow.Status.STARTING)) {
                        return rows;
                    }
                } catch (ControlException e) {
                    // not listening yet
                }
            } else {
                throw new CliException(ExitCodes.FAILED, "the orchestrator daemon exited during start-up; the end "
                        + "of its log (" + log(root) + "):\n" + tail(log(root)));
            }
            Thread.sleep(50);
        }
        throw new CliException(ExitCodes.FAILED, "the orchestrator daemon (pid " + pid + ") did not report its apps "
                + "started within " + START_TIMEOUT.toSeconds() + " s; see " + log(root));
    }

    private static Path log(Path root) {
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
