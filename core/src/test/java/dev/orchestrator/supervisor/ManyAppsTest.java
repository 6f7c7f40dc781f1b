package dev.orchestrator.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.logs.ConsolePrinter;
import dev.orchestrator.process.ProcFs;
import dev.orchestrator.testing.Children;
import dev.orchestrator.testing.LineSplittingStream;
import dev.orchestrator.testing.NoLeakedProcesses;
import dev.orchestrator.testing.TestProcesses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 500 apps at once (shell loops: 500 JVMs would not fit): every line of every app arrives, and all stop. */
@NoLeakedProcesses
class ManyAppsTest {
    private static final int APPS = 500;
    private static final int LINES = 40;

    @TempDir
    Path dir;

    @Test
    void fiveHundredChattyAppsAllDeliverEveryLineToFileAndConsoleAndAllStop(TestProcesses procs) throws Exception {
        Map<String, AtomicInteger> consoleLines = new ConcurrentHashMap<>();
        ConsolePrinter console = new ConsolePrinter(new LineSplittingStream(bytes -> {
            String line = new String(bytes, StandardCharsets.UTF_8);
            if (line.contains("| line ")) {
                consoleLines.computeIfAbsent(line.substring(0, line.indexOf(' ')), k -> new AtomicInteger())
                        .incrementAndGet();
            }
        }), false);
        Specs specs = new Specs(dir, procs);
        String script = "i=0; while [ $i -lt " + LINES + " ]; do echo \"line $i of $NODE_APP_INSTANCE\"; "
                + "i=$((i+1)); done; exec sleep 1000";
        try (Supervisor supervisor = new Supervisor(new SupervisorOptions(dir, dir.resolve(".orchestrator"),
                procs.runId(), Clock.systemUTC(), console))) {
            for (int i = 0; i < APPS; i++) {
                supervisor.start(specs.app(String.format("app%03d", i), Children.sh(script)));
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> consoleLines.values().stream()
                    .mapToInt(AtomicInteger::get).sum() == APPS * LINES);
            assertThat(consoleLines).hasSize(APPS);
            assertThat(consoleLines.values()).allMatch(n -> n.get() == LINES);
            for (int i = 0; i < APPS; i++) {
                List<String> lines = Files.readAllLines(dir.resolve(String.format("logs/app%03d-out.log", i)));
                assertThat(lines).containsExactlyElementsOf(
                        IntStream.range(0, LINES).mapToObj(n -> "line " + n + " of 0").toList());
            }
            assertThat(supervisor.snapshot()).allMatch(v -> v.status() == ProcessState.RUNNING);

            supervisor.stopAll().get();

            assertThat(supervisor.snapshot()).allMatch(v -> v.status() == ProcessState.STOPPED);
            assertThat(ProcFs.withEnvironmentEntry("ORCHESTRATOR_RUN=" + procs.runId())).isEmpty();
        } finally {
            console.close();
        }
    }
}
