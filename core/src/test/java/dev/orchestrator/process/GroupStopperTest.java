package dev.orchestrator.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.testing.Children;
import dev.orchestrator.testing.NoLeakedProcesses;
import dev.orchestrator.testing.TestProcesses;
import dev.orchestrator.testing.children.IgnoresTerm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@NoLeakedProcesses
class GroupStopperTest {
    @TempDir
    Path dir;
    private final GroupStopper stopper = new GroupStopper();
    private final List<SpawnedProcess> spawned = new ArrayList<>();

    @AfterEach
    void closeStopperAndPipes() throws IOException {
        stopper.close();
        for (SpawnedProcess child : spawned) {
            Posix.close(child.stdoutFd());
            Posix.close(child.stderrFd());
        }
    }

    @Test
    void sigtermToTheGroupReachesGrandchildren(TestProcesses procs) throws Exception {
        SpawnedProcess child = spawn(procs, Children.sh("sleep 1000 & sleep 1000 & wait"));
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcFs.liveMembers(child.pgid()).size() == 3);

        StopOutcome outcome = stopper.stop(request(child, Signal.SIGTERM, Duration.ofSeconds(30))).get();

        assertThat(outcome.forced()).isFalse();
        assertThat(ProcFs.liveMembers(child.pgid())).isEmpty();
        assertThat(ProcFs.withEnvironmentEntry("ORCHESTRATOR_RUN=" + procs.runId())).isEmpty();
        assertThat(child.exit().get().signal()).isEqualTo(Signal.SIGTERM);
    }

    @Test
    void sigkillsAChildThatIgnoresSigtermOnlyAfterTheKillTimeout(TestProcesses procs) throws Exception {
        SpawnedProcess child = spawn(procs, Children.java(IgnoresTerm.class));
        BufferedReader out = reader(child);
        assertThat(out.readLine()).startsWith("ready ");
        Duration timeout = Duration.ofMillis(700);

        long before = System.nanoTime();
        StopOutcome outcome = stopper.stop(request(child, Signal.SIGTERM, timeout)).get();
        long took = System.nanoTime() - before;

        assertThat(outcome.forced()).isTrue();
        assertThat(took).isGreaterThanOrEqualTo(timeout.toNanos());
        assertThat(outcome.took()).isGreaterThanOrEqualTo(timeout);
        assertThat(out.readLine()).isEqualTo("ignored SIGTERM");
        assertThat(child.exit().get().signal()).isEqualTo(Signal.SIGKILL);
    }

    @Test
    void stopsManyGroupsInParallelEachTakingItsOwnTimeout(TestProcesses procs) throws Exception {
        List<CompletableFuture<StopOutcome>> stops = new ArrayList<>();
        List<SpawnedProcess> ignorers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SpawnedProcess child = spawn(procs, Children.java(IgnoresTerm.class));
            assertThat(reader(child).readLine()).startsWith("ready ");
            ignorers.add(child);
        }
        SpawnedProcess polite = spawn(procs, Children.sh("exec sleep 1000"));
        for (SpawnedProcess child : ignorers) {
            stops.add(stopper.stop(request(child, Signal.SIGTERM, Duration.ofMillis(500))));
        }
        CompletableFuture<StopOutcome> politeStop = stopper.stop(request(polite, Signal.SIGTERM, Duration.ofSeconds(60)));

        assertThat(politeStop.get().forced()).isFalse();
        for (CompletableFuture<StopOutcome> stop : stops) {
            assertThat(stop.get().forced()).isTrue();
        }
    }

    @Test
    void completesAtOnceForAGroupThatIsAlreadyGone(TestProcesses procs) throws Exception {
        SpawnedProcess child = spawn(procs, List.of("/bin/true"));
        child.exit().get();

        CompletableFuture<StopOutcome> stop = stopper.stop(request(child, Signal.SIGTERM, Duration.ofSeconds(60)));

        assertThat(stop).as("an empty group is done on the caller's thread, no watcher round trip").isDone();
        assertThat(stop.get().forced()).isFalse();
    }

    @Test
    void stopsWhatTheLeaderLeftInItsGroupAfterItExited(TestProcesses procs) throws Exception {
        // The leader exits at once; its orphan ignores SIGTERM, so only the kill timeout's SIGKILL ends it. The orphan
        // prints its pid only once it ignores SIGTERM (the disposition survives exec): a stop sent before that would
        // end it with SIGTERM, as a loaded machine once showed.
        SpawnedProcess child = spawn(procs, Children.sh("sh -c 'trap \"\" TERM; echo $$; exec sleep 1000' &"));
        int orphan = Integer.parseInt(reader(child).readLine().trim());
        procs.track(orphan);
        child.exit().get();
        assertThat(ProcFs.liveMembers(child.pgid())).extracting(ProcStat::pid).containsExactly(orphan);

        StopOutcome outcome = stopper.stop(request(child, Signal.SIGTERM, Duration.ofMillis(300))).get();

        assertThat(outcome.forced()).isTrue();
        assertThat(ProcFs.liveMembers(child.pgid())).isEmpty();
    }

    @Test
    void stopsAChildSignalledTheInstantItWasSpawned(TestProcesses procs) throws Exception {
        SpawnedProcess child = spawn(procs, Children.sh("exec sleep 1000"));
        StopOutcome outcome = stopper.stop(request(child, Signal.SIGTERM, Duration.ofSeconds(60))).get();
        assertThat(outcome.forced()).isFalse();
        assertThat(child.exit().get().signal()).isEqualTo(Signal.SIGTERM);
    }

    @Test
    void failsNamingTheLabelWhenTheGroupOutlivesSigkill(TestProcesses procs) throws Exception {
        SpawnedProcess child = spawn(procs, Children.sh("exec sleep 1000"));
        // A leader future that never completes stands for a leader the kernel cannot reap.
        StopRequest stuck = new StopRequest("api-1", child.pgid(), new CompletableFuture<>(), Signal.SIGTERM,
                Duration.ofMillis(100));
        try (GroupStopper impatient = new GroupStopper(Duration.ofMillis(200))) {
            assertThatThrownBy(() -> impatient.stop(stuck).join())
                    .hasCauseInstanceOf(GroupStopException.class)
                    .hasMessageContaining("stopping 'api-1' failed: process group " + child.pgid()
                            + " still has live processes 200 ms after SIGKILL: (leader not reaped)");
        }
        child.exit().get();
    }

    private SpawnedProcess spawn(TestProcesses procs, List<String> argv) throws ProcessLaunchException {
        SpawnedProcess child = ProcessLauncher.spawn(new SpawnRequest(argv, dir, procs.env()));
        procs.track(child.pid());
        spawned.add(child);
        return child;
    }

    private static StopRequest request(SpawnedProcess child, Signal signal, Duration timeout) {
        return new StopRequest("test", child.pgid(), child.exit(), signal, timeout);
    }

    private static BufferedReader reader(SpawnedProcess child) throws IOException {
        return new BufferedReader(new InputStreamReader(Channels.newInputStream(ProcessLauncherTest.channel(child.stdoutFd())),
                StandardCharsets.UTF_8));
    }
}
