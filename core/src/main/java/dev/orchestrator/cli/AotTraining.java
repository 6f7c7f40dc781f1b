package dev.orchestrator.cli;

import dev.orchestrator.control.ActionResult;
import dev.orchestrator.control.AppDetails;
import dev.orchestrator.control.ControlClient;
import dev.orchestrator.control.ControlException;
import dev.orchestrator.control.ControlServer;
import dev.orchestrator.control.ControlTarget;
import dev.orchestrator.control.EventRecord;
import dev.orchestrator.control.ForwardedCommand;
import dev.orchestrator.control.ProcessRow;
import dev.orchestrator.control.SocketLocation;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Hidden: the training runs the launcher records the JDK's AOT caches from, one per kind of JVM. By default it walks
 * {@code config} on the given project, {@code --version}, and {@code ls}, {@code stop} and {@code describe} against a
 * throw-away control server; {@code --short-verbs} only the last three; {@code --daemon} only the orchestrator's own
 * start ({@code up --daemon-child} on a throw-away project with a shell app, a Python app and an app that crashes
 * once; the launcher gives it a pipe on descriptor 3, so it reports its start as a real daemon does) with {@code ls},
 * {@code stop}, {@code start}, {@code restart} and {@code down} against it ({@code down} ends this JVM, which writes
 * the cache). Writes nothing the user sees.
 */
@Command(name = "__aot-training", hidden = true)
final class AotTraining implements Callable<Integer> {

    /** How long the throw-away daemon may take before the training gives up (the cache is written all the same). */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** The file the crashing training app writes once it was restarted. */
    private static final String RESTARTED = "restarted";

    @Mixin
    ProjectOption project;

    @Option(names = "--short-verbs", description = "Only --version and the verbs that talk to a running orchestrator.")
    boolean shortVerbs;

    @Option(names = "--daemon", description = "Only the orchestrator's own start, driven by the short verbs.")
    boolean daemon;

    @Override
    public Integer call() throws Exception {
        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
        if (daemon) {
            return daemon(sink);
        }
        if (!shortVerbs) {
            Entry.run(new String[] {"config", "--json", "-C", project.root().toString()}, sink, sink);
            Entry.run(new String[] {"config", "-C", project.root().toString()}, sink, sink);
        }
        Entry.run(new String[] {"--version"}, sink, sink);
        Path temp = Files.createTempDirectory("orchestrator-aot-");
        try (ControlServer server = ControlServer.start(SocketLocation.forServer(temp, Map.of(),
                SocketLocation.currentUid()), new Sample(), Entry.version())) {
            Entry.run(new String[] {"ls", "-C", temp.toString()}, sink, sink);
            Entry.run(new String[] {"ls", "--json", "-C", temp.toString()}, sink, sink);
            Entry.run(new String[] {"stop", "sample", "-C", temp.toString()}, sink, sink);
            try (ControlClient client = ControlClient.connect(temp, Entry.version())) {
                client.describe("sample");
            }
        } finally {
            deleteTree(temp);
        }
        return ExitCodes.OK;
    }

    /** Runs a daemon on a throw-away project and drives it from another thread until {@code down} ends the JVM. */
    private static int daemon(PrintWriter sink) throws IOException {
        Path root = Files.createTempDirectory("orchestrator-aot-project-");
        Path app = Files.createDirectories(root.resolve("services/aot"));
        Files.writeString(app.resolve("ecosystem.yaml"), """
                runtime: shell
                script: run.sh
                args:
                  - --flag
                env:
                  LEVEL: info
                kill_timeout: 2s
                autorestart: true
                """);
        Path script = Files.writeString(app.resolve("run.sh"), "#!/bin/sh\nexec sleep 30\n");
        script.toFile().setExecutable(true);
        // A Python app too, the commonest runtime: its plugin's classes enter the cache (without a python3 on the
        // PATH its plan fails, which trains the failure path instead).
        // Its descriptor uses the common keys in both YAML styles, so reading and planning them is in the cache too.
        Path python = Files.createDirectories(root.resolve("services/aot-py"));
        Files.writeString(python.resolve("ecosystem.yaml"), """
                name: aot-py
                runtime: python
                script: main.py
                args: ["--mode", "training"]
                env: {MODE: training, DEBUG: "0"}
                restart_delay: 0
                exp_backoff_restart_delay: 100
                min_uptime: 1s
                max_restarts: 10
                kill_timeout: 2000
                max_memory_restart: 1G
                log_rotate: {max_size: 64M, retain: 2}
                """);
        Files.writeString(python.resolve("main.py"), "import time\ntime.sleep(30)\n");
        // And one that crashes (SIGKILL, as the benchmark does) and is restarted: the exit, restart-policy and relaunch
        // classes and lambdas enter the cache, so a user's first crash does not load them from the jar (~20 ms).
        Path crash = Files.createDirectories(root.resolve("services/aot-crash"));
        Files.writeString(crash.resolve("ecosystem.yaml"), "runtime: shell\nscript: run.sh\nrestart_delay: 0\n"
                + "kill_timeout: 2s\n");
        Path crashScript = Files.writeString(crash.resolve("run.sh"), "#!/bin/sh\n"
                + "if [ ! -e crashed ]; then : > crashed; kill -KILL $$; fi\n: > " + RESTARTED + "\nexec sleep 30\n");
        crashScript.toFile().setExecutable(true);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                deleteTree(root);
            } catch (IOException ignored) {
                // a temp folder left behind is all
            }
        }));
        Thread.ofPlatform().daemon().name("aot-training-client").start(() -> drive(root, sink));
        return Entry.run(new String[] {"up", Daemon.CHILD_FLAG, "-C", root.toString()}, sink, sink);
    }

    private static void drive(Path root, PrintWriter sink) {
        String dir = root.toString();
        Instant deadline = Instant.now().plus(PATIENCE);
        try {
            while (Entry.run(new String[] {"ls", "--json", "-C", dir}, sink, sink) != ExitCodes.OK
                    || !Files.exists(root.resolve("logs/aot-out.log"))
                    || !Files.exists(root.resolve("services/aot-crash").resolve(RESTARTED))) {
                if (Instant.now().isAfter(deadline)) {
                    System.exit(ExitCodes.FAILED);
                }
                Thread.sleep(20);
            }
            Entry.run(new String[] {"ls", "-C", dir}, sink, sink);
            forward(root, List.of("ls"));
            forward(root, List.of("stop", "all"));
            Entry.run(new String[] {"start", "aot", "--json", "-C", dir}, sink, sink);
            Entry.run(new String[] {"restart", "aot", "-C", dir}, sink, sink);
            Entry.run(new String[] {"down", "-C", dir}, sink, sink); // the daemon's down exits this JVM
            Thread.sleep(PATIENCE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(ExitCodes.FAILED);
    }

    /** What the launcher's thin client does: the command runs inside the daemon. */
    private static void forward(Path root, List<String> argv) {
        try (ControlClient client = ControlClient.connect(root, Entry.version())) {
            client.forward(new ForwardedCommand(argv, root, System.getProperty("java.class.path", "")));
        } catch (ControlException e) {
            // the training goes on: the cache only misses what this call would have loaded
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** One running process, enough to render every column. */
    private static final class Sample implements ControlTarget {
        @Override
        public List<ProcessRow> list() {
            return List.of(new ProcessRow("sample", 0, "default", "shell", ProcessRow.Status.RUNNING,
                    OptionalLong.of(1), 1000, 0, 0.5, 1 << 20, new ProcessRow.LastExit(0, null, Instant.now())));
        }

        @Override
        public Optional<AppDetails> describe(String name) {
            return Optional.empty();
        }

        @Override
        public ActionResult start(String selector) {
            return ActionResult.failed("training");
        }

        @Override
        public ActionResult stop(String selector) {
            return ActionResult.failed("training");
        }

        @Override
        public ActionResult restart(String selector) {
            return ActionResult.failed("training");
        }

        @Override
        public ActionResult reload() {
            return ActionResult.failed("training");
        }

        @Override
        public void down() {
        }

        @Override
        public AutoCloseable subscribe(Consumer<EventRecord> listener) {
            return () -> { };
        }
    }
}
