package dev.orchestrator.cli;

import dev.orchestrator.control.ActionResult;
import dev.orchestrator.control.AppDetails;
import dev.orchestrator.control.ControlClient;
import dev.orchestrator.control.ControlServer;
import dev.orchestrator.control.ControlTarget;
import dev.orchestrator.control.EventRecord;
import dev.orchestrator.control.ProcessRow;
import dev.orchestrator.control.SocketLocation;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Hidden: the training run the launcher records the JDK's AOT cache from. It walks the paths the short verbs take
 * ({@code config} on the given project, then {@code ls} against a throw-away control server in a temp folder), so both
 * start in about half the time. Writes nothing the user sees.
 */
@Command(name = "__aot-training", hidden = true)
final class AotTraining implements Callable<Integer> {

    @Mixin
    ProjectOption project;

    @Override
    public Integer call() throws Exception {
        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
        Main.run(new String[] {"config", "--json", "-C", project.root().toString()}, sink, sink);
        Main.run(new String[] {"config", "-C", project.root().toString()}, sink, sink);
        Path temp = Files.createTempDirectory("orchestrator-aot-");
        try (ControlServer server = ControlServer.start(SocketLocation.forServer(temp, Map.of(),
                SocketLocation.currentUid()), new Sample(), Main.version())) {
            Main.run(new String[] {"ls", "-C", temp.toString()}, sink, sink);
            Main.run(new String[] {"ls", "--json", "-C", temp.toString()}, sink, sink);
            try (ControlClient client = ControlClient.connect(temp, Main.version())) {
                client.describe("sample");
            }
        } finally {
            deleteTree(temp);
        }
        return ExitCodes.OK;
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
