package dev.orchestrator.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.LogSpec;
import dev.orchestrator.plan.RestartSpec;
import dev.orchestrator.plan.RotateSpec;
import dev.orchestrator.plan.StopSpec;
import dev.orchestrator.plan.WatchSpec;
import dev.orchestrator.supervisor.LifecycleEvent.OutputStart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log probe reads only this run's output, line by line, across rotation. */
class LogCheckTest {
    @TempDir
    Path dir;

    private LogCheck check(String regex, Path out, long outFrom, Path err, long errFrom) {
        AppSpec spec = new AppSpec("a", "default", "shell", 1, List.of("/bin/true"), dir, Map.of(), dir,
                new LogSpec(out, err, false, Optional.empty(), RotateSpec.DEFAULT), RestartSpec.DEFAULT,
                StopSpec.DEFAULT, WatchSpec.OFF, Set.of());
        return new LogCheck(regex, new LiveProcess("a", 0, "a", 4242, spec, Instant.EPOCH,
                new OutputStart(out, outFrom, err, errFrom)));
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void linesOfEarlierRunsNeverCount() throws IOException {
        Path out = dir.resolve("a-out.log");
        Path err = dir.resolve("a-err.log");
        append(out, "Uvicorn running on http://0.0.0.0:5001\n");
        LogCheck check = check("Uvicorn running", out, Files.size(out), err, 0);

        assertThat(check.run(Duration.ofSeconds(1))).isEqualTo(Check.Outcome.fail(
                "no line of its output matched /Uvicorn running/ yet"));

        append(err, "INFO: Uvicorn running on http://0.0.0.0:5001\n");
        assertThat(check.run(Duration.ofSeconds(1))).isEqualTo(Check.Outcome.pass(
                "log line matched /Uvicorn running/: INFO: Uvicorn running on http://0.0.0.0:5001"));
    }

    @Test
    void aLineSplitAcrossWritesMatchesOnceWhole() throws IOException {
        Path out = dir.resolve("a-out.log");
        LogCheck check = check("ready now", out, 0, out, 0);
        append(out, "rea");
        assertThat(check.run(Duration.ofSeconds(1)).ok()).isFalse();

        append(out, "dy now\n");

        assertThat(check.run(Duration.ofSeconds(1)).ok()).isTrue();
    }

    @Test
    void aRotatedFileIsReadFromItsStart() throws IOException {
        Path out = dir.resolve("a-out.log");
        append(out, "x".repeat(100) + "\n");
        LogCheck check = check("^ready", out, Files.size(out), dir.resolve("a-err.log"), 0);
        assertThat(check.run(Duration.ofSeconds(1)).ok()).isFalse();
        Files.move(out, dir.resolve("a-out.log.1"));
        append(out, "y".repeat(200) + "\nready\n"); // already longer than the old file when read

        assertThat(check.run(Duration.ofSeconds(1)).ok()).isTrue();
    }
}
