package dev.orchestrator.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.process.Posix;
import dev.orchestrator.process.ProcFs;
import dev.orchestrator.process.ProcStat;
import dev.orchestrator.process.Signal;
import dev.orchestrator.testing.Children;
import dev.orchestrator.testing.NoLeakedProcesses;
import dev.orchestrator.testing.TestProcesses;
import dev.orchestrator.testing.children.IgnoresTerm;
import dev.orchestrator.testing.children.OrchestratorMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real orchestrator JVM: its signal handling, its lock, and recovery after it was SIGKILLed. */
@NoLeakedProcesses
class OrchestratorProcessTest {
    private static final Pattern STARTED = Pattern.compile("app +\\| \\[orchestrator] started \\(pid (\\d+)\\)");

    @TempDir
    Path dir;

    @Test
    void aFirstSigtermStopsEveryAppWaitsForThemAndExitsZero(TestProcesses procs) throws Exception {
        Process orchestrator = launch(procs, 1600, Children.sh("sleep 1000 & sleep 1000 & wait"));
        int app = awaitStarted();
        await().until(() -> ProcFs.liveMembers(app).size() == 3);

        Posix.kill((int) orchestrator.pid(), Signal.SIGTERM.number());

        assertThat(orchestrator.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(orchestrator.exitValue()).isZero();
        assertThat(ProcFs.withEnvironmentEntry("ORCHESTRATOR_RUN=" + procs.runId())).isEmpty();
        assertThat(output()).contains("orchestrator | SIGTERM received: stopping every app (send it again to kill them all now)\n",
                "app          | [orchestrator] killed by SIGTERM\napp          | [orchestrator] stopped\n");
        assertThat(dir.resolve(".orchestrator/state.json")).doesNotExist();
    }

    @Test
    void aSecondSignalWhileStoppingKillsEverythingNowAndExitsOne(TestProcesses procs) throws Exception {
        Process orchestrator = launch(procs, 600_000, Children.java(IgnoresTerm.class));
        int app = awaitStarted();
        await().atMost(Duration.ofSeconds(30)).until(() -> output().contains("app          | ready " + app));

        Posix.kill((int) orchestrator.pid(), Signal.SIGTERM.number());
        await().until(() -> output().contains("app          | ignored SIGTERM"));
        Posix.kill((int) orchestrator.pid(), Signal.SIGINT.number());

        assertThat(orchestrator.waitFor(60, TimeUnit.SECONDS)).as(this::consoleAndStderr).isTrue();
        assertThat(orchestrator.exitValue()).isEqualTo(1);
        assertThat(ProcFs.withEnvironmentEntry("ORCHESTRATOR_RUN=" + procs.runId())).isEmpty();
        assertThat(output()).contains("orchestrator | SIGINT received again: killing every process group now\n",
                "app          | [orchestrator] killed by SIGKILL\n");
    }

    @Test
    void aSecondOrchestratorIsRefusedWithThePidOfTheRunningOne(TestProcesses procs) throws Exception {
        Process orchestrator = launch(procs, 1600, Children.sh("exec sleep 1000"));
        awaitStarted();

        assertThatThrownBy(() -> InstanceLock.acquire(dir.resolve(".orchestrator")))
                .isInstanceOf(InstanceLock.AlreadyRunningException.class)
                .hasMessage("orchestrator for '" + dir + "' is already running (pid " + orchestrator.pid()
                        + ", holding " + dir.resolve(".orchestrator/orchestrator.lock") + "); talk to it with "
                        + "`orchestrator ls`/`logs`, or stop it with `orchestrator down`");

        Posix.kill((int) orchestrator.pid(), Signal.SIGTERM.number());
        assertThat(orchestrator.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @SuppressWarnings("try") // the lock is held by the try block's scope
    void recoveryStopsWhatASigkilledOrchestratorLeftIncludingAGrandchildThatLeftItsGroup(TestProcesses procs)
            throws Exception {
        Process orchestrator = launch(procs, 1600, Children.sh("setsid sleep 1000 & sleep 1000 & wait"));
        int app = awaitStarted();
        Path stateDir = dir.resolve(".orchestrator");
        await().until(() -> ProcFs.withEnvironmentEntry("ORCHESTRATOR_RUN=" + procs.runId()).size() == 3);
        await().until(() -> StateFile.read(stateDir).map(s -> s.processes().size()).orElse(0) == 1);

        Posix.kill((int) orchestrator.pid(), Signal.SIGKILL.number());
        orchestrator.waitFor();
        List<ProcStat> leftovers = ProcFs.withEnvironmentEntry("ORCHESTRATOR_RUN=" + procs.runId());
        assertThat(leftovers).hasSize(3);
        ProcStat escaped = leftovers.stream().filter(p -> p.pgrp() != app).findFirst().orElseThrow();

        List<String> report;
        try (InstanceLock lock = InstanceLock.acquire(stateDir)) {
            report = Recovery.recoverLeftovers(stateDir);
        }

        String run = "run " + procs.runId() + " (orchestrator pid " + orchestrator.pid() + ")";
        assertThat(report).containsExactly(
                "stopped leftover 'app' (pid " + app + ", process group " + app + ") of " + run,
                "stopped leftover process " + escaped.pid() + " (sleep) of " + run + ", found by its ORCHESTRATOR_RUN="
                        + procs.runId() + " marker");
        assertThat(ProcFs.withEnvironmentEntry("ORCHESTRATOR_RUN=" + procs.runId())).isEmpty();
        assertThat(stateDir.resolve("state.json")).doesNotExist();
        assertThat(Recovery.recoverLeftovers(stateDir)).isEmpty();
    }

    private Process launch(TestProcesses procs, long killTimeoutMs, List<String> appArgv) throws IOException {
        // A shell starts background jobs with SIGINT ignored, the JVM then leaves it ignored, and a build started
        // that way (nohup, `&` in a script) would never see the test's SIGINT: start the orchestrator with it default.
        List<String> argv = new ArrayList<>(List.of("/usr/bin/env", "--default-signal=INT"));
        argv.addAll(Children.javaFullClasspath(OrchestratorMain.class, dir.toString(), procs.runId(),
                Long.toString(killTimeoutMs)));
        argv.addAll(appArgv);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile())
                .redirectOutput(dir.resolve("console.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        pb.environment().remove("ORCHESTRATOR_RUN");
        pb.environment().remove("NO_COLOR");
        return procs.track(pb.start());
    }

    private int awaitStarted() {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            Matcher m = STARTED.matcher(output());
            return m.find() ? Integer.parseInt(m.group(1)) : null;
        }, pid -> pid != null);
    }

    private String consoleAndStderr() {
        try {
            return "console:\n" + output() + "\nstderr:\n" + Files.readString(dir.resolve("stderr.txt"));
        } catch (IOException e) {
            return "(console unreadable: " + e + ")";
        }
    }

    private String output() throws IOException {
        Path console = dir.resolve("console.txt");
        return Files.exists(console) ? Files.readString(console) : "";
    }
}
