package dev.orchestrator.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.descriptor.Settings;
import dev.orchestrator.descriptor.Settings.ProbeKind;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.HealthSpec;
import dev.orchestrator.plan.RestartSpec;
import dev.orchestrator.process.ExitStatus;
import dev.orchestrator.process.Posix;
import dev.orchestrator.process.ProcFs;
import dev.orchestrator.process.Signal;
import dev.orchestrator.supervisor.LifecycleEvent.Errored;
import dev.orchestrator.supervisor.LifecycleEvent.Exited;
import dev.orchestrator.supervisor.LifecycleEvent.Started;
import dev.orchestrator.supervisor.LifecycleEvent.Stopped;
import dev.orchestrator.testing.Children;
import dev.orchestrator.testing.NoLeakedProcesses;
import dev.orchestrator.testing.TestProcesses;
import dev.orchestrator.testing.children.Crasher;
import dev.orchestrator.testing.children.IgnoresTerm;
import dev.orchestrator.testing.children.Sleeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@NoLeakedProcesses
class SupervisorTest {
    @TempDir
    Path dir;
    private Supervisor supervisor;
    private final EventLog events = new EventLog();
    private Specs specs;

    @BeforeEach
    void startSupervisor(TestProcesses procs) {
        specs = new Specs(dir, procs);
        supervisor = new Supervisor(new SupervisorOptions(dir, dir.resolve(".orchestrator"), procs.runId(),
                Clock.systemUTC(), null));
        supervisor.subscribe(events);
    }

    @AfterEach
    void closeSupervisor() {
        supervisor.close();
    }

    @Test
    void findsOneProcessByItsLabelAndTellsWhetherAnyStillShowsStarting() {
        supervisor.start(Specs.instances(specs.app("proxy", Children.java(Sleeper.class)), 2));
        supervisor.start(specs.app("proxy-1-old", Children.java(Sleeper.class)));
        Started old = events.awaitFirst(Started.class, e -> e.label().equals("proxy-1-old"));
        Started second = events.awaitFirst(Started.class, e -> e.label().equals("proxy-1"));
        events.awaitFirst(Started.class, e -> e.label().equals("proxy-0"));

        assertThat(supervisor.view("proxy-1")).hasValueSatisfying(v -> {
            assertThat(v.name()).isEqualTo("proxy");
            assertThat(v.instance()).isEqualTo(1);
            assertThat(v.pid()).isEqualTo(second.pid());
        });
        assertThat(supervisor.view("proxy")).isEmpty(); // two instances: only proxy-0 and proxy-1 exist
        assertThat(supervisor.view("proxy-2")).isEmpty();
        assertThat(supervisor.view("proxy-99999999999")).isEmpty();
        assertThat(supervisor.view("proxy-1-old").map(ProcessView::pid)).contains(old.pid());
        assertThat(supervisor.anyStarting()).isFalse();

        // No health monitor runs here, so this ready probe never passes: the running db keeps showing `starting`.
        var probe = new Settings.Probe(ProbeKind.TCP, "1", Duration.ofMillis(100), Duration.ofSeconds(1),
                Duration.ZERO, 1);
        supervisor.start(specs.app("db", Children.java(Sleeper.class)).withHealth(new HealthSpec(Optional.of(probe),
                Optional.empty(), Map.of(), HealthSpec.NONE.heartbeat(), OptionalLong.empty(), Optional.empty())));
        Started db = events.awaitFirst(Started.class, e -> e.label().equals("db"));
        assertThat(supervisor.anyStarting()).isTrue();
        assertThat(supervisor.view("db").map(ProcessView::status)).contains(ProcessState.STARTING);

        assertThat(supervisor.markReady("db", 0, db.pid())).isTrue();
        assertThat(supervisor.anyStarting()).isFalse();
        assertThat(supervisor.view("db").map(ProcessView::status)).contains(ProcessState.READY);
    }

    @Test
    void restartsAChildKilledWithSigkill() {
        supervisor.start(specs.app("sleeper", Children.java(Sleeper.class)));
        Started first = events.awaitFirst(Started.class, e -> true);
        awaitLog("logs/sleeper-out.log", "ready " + first.pid());

        Posix.kill(first.pid(), Signal.SIGKILL.number());

        List<Started> starts = events.awaitCount(Started.class, 2);
        assertThat(starts.get(1).pid()).isNotEqualTo(first.pid());
        ProcessView view = await().until(() -> supervisor.snapshot().getFirst(),
                v -> v.status() == ProcessState.RUNNING && v.restarts() == 1);
        assertThat(view.lastExit().signal()).isEqualTo(Signal.SIGKILL);
        assertThat(view.pid()).isEqualTo(starts.get(1).pid());
        assertThat(view.reason()).startsWith("killed by SIGKILL after ");
    }

    @Test
    void reportsAnExitWithCode137AsThatCodeNotAsSigkill() {
        RestartSpec off = new RestartSpec(false, Duration.ZERO, Duration.ZERO, 16, Duration.ofSeconds(1), Set.of());
        supervisor.start(Specs.restart(specs.app("proxy", Children.sh("exit 137")), off));

        Exited exited = events.awaitFirst(Exited.class, e -> true);

        assertThat(exited.exit().describe()).isEqualTo("exited with code 137");
        ProcessView view = await().until(() -> supervisor.snapshot().getFirst(),
                v -> v.status() == ProcessState.EXITED);
        assertThat(view.lastExit().code()).isEqualTo(137);
    }

    @Test
    void stopsACrashLoopAfterExactlyOnePlusMaxRestartsStarts() {
        AppSpec crasher = Specs.restart(specs.app("crasher", Children.java(Crasher.class, "3")),
                Specs.maxRestarts(3, Duration.ofSeconds(30)));
        supervisor.start(crasher);

        Errored errored = events.awaitFirst(Errored.class, e -> true);

        assertThat(events.of(Started.class)).hasSize(4);
        assertThat(events.of(Exited.class)).hasSize(4);
        assertThat(errored.reason()).isEqualTo("stopped restarting: 4 starts in a row each ended within min_uptime "
                + "30000 ms (max_restarts: 3); last exited with code 3");
        assertThat(errored.stderrTail()).endsWith("crasher: exiting with 3");
        ProcessView view = supervisor.snapshot().getFirst();
        assertThat(view.status()).isEqualTo(ProcessState.ERRORED);
        assertThat(view.restarts()).isEqualTo(3);
        assertThat(view.pid()).isNull();
    }

    @Test
    void sigkillsAChildIgnoringSigtermOnlyAfterItsKillTimeout() throws Exception {
        Duration timeout = Duration.ofMillis(800);
        supervisor.start(Specs.stop(specs.app("stubborn", Children.java(IgnoresTerm.class)), "SIGTERM", timeout));
        Started started = events.awaitFirst(Started.class, e -> true);
        awaitLog("logs/stubborn-out.log", "ready " + started.pid());

        long before = System.nanoTime();
        supervisor.stop("stubborn").get();
        long took = System.nanoTime() - before;

        assertThat(took).isGreaterThanOrEqualTo(timeout.toNanos());
        assertThat(Files.readString(dir.resolve("logs/stubborn-out.log"))).contains("ignored SIGTERM\n");
        ProcessView view = supervisor.snapshot().getFirst();
        assertThat(view.status()).isEqualTo(ProcessState.STOPPED);
        assertThat(view.lastExit().signal()).isEqualTo(Signal.SIGKILL);
        events.awaitFirst(Stopped.class, e -> true); // listeners get events on their own thread, maybe a moment later
        List<LifecycleEvent> all = events.all();
        List<LifecycleEvent> tail = all.subList(all.size() - 2, all.size());
        assertThat(tail.get(0)).isInstanceOfSatisfying(Exited.class,
                e -> assertThat(e.exit().signal()).isEqualTo(Signal.SIGKILL));
        assertThat(tail.get(1)).isEqualTo(new Stopped("stubborn"));
    }

    @Test
    void leavesNoGrandchildBehindAfterAStop(TestProcesses procs) throws Exception {
        supervisor.start(specs.app("forker", Children.sh("sleep 1000 & sleep 1000 & wait")));
        Started started = events.awaitFirst(Started.class, e -> true);
        await().until(() -> ProcFs.liveMembers(started.pid()).size() == 3);

        supervisor.stop("forker").get();

        assertThat(ProcFs.liveMembers(started.pid())).isEmpty();
        assertThat(ProcFs.withEnvironmentEntry("ORCHESTRATOR_RUN=" + procs.runId())).isEmpty();
    }

    @Test
    void stopAllAlsoStopsAGrandchildThatLeftTheGroup(TestProcesses procs) throws Exception {
        supervisor.start(specs.app("escaper", Children.sh("setsid sleep 1000 & exec sleep 1000")));
        await().until(() -> ProcFs.withEnvironmentEntry("ORCHESTRATOR_RUN=" + procs.runId()).size() == 2);

        supervisor.stopAll().get();

        assertThat(ProcFs.withEnvironmentEntry("ORCHESTRATOR_RUN=" + procs.runId())).isEmpty();
    }

    @Test
    void givesEachInstanceItsNumberTheRunMarkerAndItsOwnLogFiles(TestProcesses procs) throws Exception {
        AppSpec api = Specs.instances(specs.app("api", Children.sh("echo \"$NODE_APP_INSTANCE $ORCHESTRATOR_RUN\"")), 2);
        supervisor.start(Specs.restart(api, new RestartSpec(false, Duration.ZERO, Duration.ZERO, 16,
                Duration.ofSeconds(1), Set.of())));

        awaitLog("logs/api-0-out.log", "0 " + procs.runId());
        awaitLog("logs/api-1-out.log", "1 " + procs.runId());
        List<ProcessView> views = await().until(supervisor::snapshot,
                v -> v.stream().allMatch(p -> p.status() == ProcessState.EXITED));
        assertThat(views).extracting(ProcessView::label).containsExactly("api-0", "api-1");
        assertThat(views.getFirst().reason()).isEqualTo("exited with code 0; autorestart is off");
        assertThat(views.getFirst().lastExit()).extracting(ExitStatus::code).isEqualTo(0);
    }

    @Test
    void mergesTheOutputOfAllInstancesIntoOneFileOfWholeLines() throws Exception {
        AppSpec api = Specs.instances(specs.app("api", Children.sh(
                "i=0; while [ $i -lt 2000 ]; do echo \"instance $NODE_APP_INSTANCE line $i\"; i=$((i+1)); done")), 2);
        api = Specs.logs(api, specs.logs("api", true));
        supervisor.start(Specs.restart(api, new RestartSpec(false, Duration.ZERO, Duration.ZERO, 16,
                Duration.ofSeconds(1), Set.of())));
        await().until(supervisor::snapshot, v -> v.stream().allMatch(p -> p.status() == ProcessState.EXITED));
        supervisor.stopAll().get();

        List<String> lines = Files.readAllLines(dir.resolve("logs/api-out.log"));
        assertThat(lines).hasSize(4000);
        for (int instance = 0; instance < 2; instance++) {
            String prefix = "instance " + instance + " line ";
            assertThat(lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())))
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 2000).mapToObj(Integer::toString)
                            .toList());
        }
        assertThat(dir.resolve("logs/api-0-out.log")).doesNotExist();
    }

    @Test
    void showsALaunchFailureAsErroredWithArgvCwdAndCause() {
        supervisor.start(specs.app("ghost", List.of("no-such-binary", "--flag")));

        Errored errored = events.awaitFirst(Errored.class, e -> true);

        assertThat(errored.reason()).isEqualTo("app 'ghost' failed to start: cannot start [no-such-binary, --flag] in "
                + dir + ": program 'no-such-binary' not found on PATH (" + System.getenv("PATH")
                + "); check its script, interpreter and cwd");
        assertThat(supervisor.snapshot().getFirst().status()).isEqualTo(ProcessState.ERRORED);
    }

    @Test
    void showsAnAppWhosePlanFailedAsFailedWithItsReason() {
        supervisor.markFailed("broken", "services/py/broken/ecosystem.yaml:3:1: error: unknown key 'watch_ignore'");

        ProcessView view = supervisor.snapshot().getFirst();
        assertThat(view.status()).isEqualTo(ProcessState.FAILED);
        assertThat(view.reason()).isEqualTo("services/py/broken/ecosystem.yaml:3:1: error: unknown key 'watch_ignore'");
        assertThat(events.awaitFirst(LifecycleEvent.Failed.class, e -> true).label()).isEqualTo("broken");
    }

    @Test
    void refusesToStartAnAppThatIsAlreadyRunning() {
        AppSpec sleeper = specs.app("sleeper", Children.sh("exec sleep 1000"));
        supervisor.start(sleeper);
        assertThatThrownBy(() -> supervisor.start(sleeper)).hasMessage(
                "app 'sleeper' is already running; stop it first, or restart it to apply a new spec");
        assertThatThrownBy(() -> supervisor.stop("nope")).hasMessage("app 'nope' is unknown; known apps: sleeper");
    }

    @Test
    void recordsRunningChildrenInStateJsonAndDeletesItOnClose(TestProcesses procs) throws Exception {
        supervisor.start(specs.app("sleeper", Children.sh("exec sleep 1000")));
        Started started = events.awaitFirst(Started.class, e -> true);
        Path state = dir.resolve(".orchestrator/state.json");

        StateFile.State written = await().until(() -> StateFile.read(dir.resolve(".orchestrator")).orElseThrow(),
                s -> !s.processes().isEmpty());

        assertThat(written.runId()).isEqualTo(procs.runId());
        assertThat(written.orchestratorPid()).isEqualTo(ProcessHandle.current().pid());
        StateFile.Entry entry = written.processes().getFirst();
        assertThat(entry.pid()).isEqualTo(started.pid());
        assertThat(entry.pgid()).isEqualTo(started.pid());
        assertThat(entry.startTicks()).isEqualTo(ProcFs.stat(started.pid()).orElseThrow().startTicks());
        supervisor.close();
        assertThat(state).doesNotExist();
    }

    @Test
    void restartsWithAFreshSpecSoAnEditedEnvTakesEffect() throws Exception {
        AppSpec v1 = specs.app("env", Children.sh("echo \"v=$VERSION\"; exec sleep 1000"));
        supervisor.start(v1);
        awaitLog("logs/env-out.log", "v=");
        java.util.Map<String, String> env = new java.util.HashMap<>(v1.env());
        env.put("VERSION", "2");
        AppSpec v2 = new AppSpec(v1.name(), v1.namespace(), v1.runtime(), 1, v1.argv(), v1.cwd(), env, v1.source(),
                v1.logs(), v1.restart(), v1.stop(), v1.watch(), v1.secretKeys());

        supervisor.restart(v2).get();

        awaitLog("logs/env-out.log", "v=2");
        assertThat(events.awaitCount(Started.class, 2)).hasSize(2);
    }

    @Test
    void sendsTheConfiguredKillSignal() throws Exception {
        supervisor.start(Specs.stop(specs.app("sleeper", Children.java(Sleeper.class)), "SIGINT", Duration.ofSeconds(60)));
        Started started = events.awaitFirst(Started.class, e -> true);
        awaitLog("logs/sleeper-out.log", "ready " + started.pid());

        supervisor.stop("sleeper").get();

        // A JVM runs its shutdown hooks on SIGINT and then calls exit(128 + 2): the reaper reports that truthfully.
        assertThat(supervisor.snapshot().getFirst().lastExit().describe()).isEqualTo("exited with code 130");
    }

    @Test
    void waitsInBackoffForTheRestartDelayAndAStopThereCancelsTheRestart() throws Exception {
        RestartSpec delayed = new RestartSpec(true, Duration.ofSeconds(60), Duration.ZERO, 16, Duration.ofSeconds(1),
                Set.of());
        supervisor.start(Specs.restart(specs.app("crasher", Children.sh("echo bye >&2; exit 4")), delayed));

        LifecycleEvent.Restarting restarting = events.awaitFirst(LifecycleEvent.Restarting.class, e -> true);
        assertThat(restarting.delay()).isEqualTo(Duration.ofSeconds(60));
        assertThat(restarting.reason()).startsWith("exited with code 4 after ");
        await().until(() -> supervisor.snapshot().getFirst().status() == ProcessState.BACKOFF);

        supervisor.stop("crasher").get();

        assertThat(supervisor.snapshot().getFirst().status()).isEqualTo(ProcessState.STOPPED);
        assertThat(events.of(Started.class)).hasSize(1);
        assertThat(supervisor.recentStderr("crasher", 0)).containsExactly("bye");
    }

    private void awaitLog(String relative, String line) {
        Path file = dir.resolve(relative);
        await().atMost(Duration.ofSeconds(30)).until(
                () -> Files.exists(file) && Files.readAllLines(file).contains(line));
    }
}
