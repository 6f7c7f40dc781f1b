package dev.orchestrator.watch;

import static dev.orchestrator.watch.Specs.ROOT;
import static dev.orchestrator.watch.Specs.descriptor;
import static dev.orchestrator.watch.Specs.disabled;
import static dev.orchestrator.watch.Specs.error;
import static dev.orchestrator.watch.Specs.failed;
import static dev.orchestrator.watch.Specs.ok;
import static dev.orchestrator.watch.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.descriptor.Problem;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.PlannedApp;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReloadDiffTest {

    private static AppliedState applied(AppSpec... specs) {
        return new AppliedState(Arrays.stream(specs).collect(Collectors.toMap(AppSpec::name, Function.identity())),
                Map.of());
    }

    private static ReloadPlan diff(AppliedState state, List<PlannedApp> apps, Problem... problems) {
        return ReloadDiff.diff(state, Set.of(), ROOT, apps, List.of(problems));
    }

    @Test
    void aNewAppIsAddedAndStarted() {
        ReloadPlan plan = diff(applied(spec("a")), List.of(ok(spec("a")), ok(spec("api"))));

        assertThat(plan.added()).extracting(s -> s.spec().name()).containsExactly("api");
        assertThat(plan.unchanged()).containsExactly("a");
        assertThat(plan.render(ROOT)).containsExactly("+ started api");
        assertThat(plan.hasNews()).isTrue();
    }

    @Test
    void anIdenticalSpecIsUnchangedAndNothingIsPrinted() {
        ReloadPlan plan = diff(applied(spec("a"), spec("b")), List.of(ok(spec("a")), ok(spec("b"))));

        assertThat(plan.unchanged()).containsExactly("a", "b");
        assertThat(plan.render(ROOT)).isEmpty();
        assertThat(plan.hasNews()).isFalse();
    }

    @Test
    void anAppGoneFromThePlanIsStopped() {
        ReloadPlan plan = diff(applied(spec("a"), spec("old-worker")), List.of(ok(spec("a"))));

        assertThat(plan.removed()).containsExactly(new ReloadPlan.Removal("old-worker", false));
        assertThat(plan.render(ROOT)).containsExactly("- stopped old-worker");
    }

    @Test
    void aDisabledAppIsStoppedAndSaysWhy() {
        ReloadPlan plan = diff(applied(spec("old-worker")), List.of(disabled(spec("old-worker"))));

        assertThat(plan.removed()).containsExactly(new ReloadPlan.Removal("old-worker", true));
        assertThat(plan.render(ROOT)).containsExactly("- stopped old-worker (disabled: true)");
    }

    @Test
    void aDisabledAppThatNeverRanIsNotMentioned() {
        ReloadPlan plan = diff(applied(), List.of(disabled(spec("later"))));

        assertThat(plan.hasNews()).isFalse();
        assertThat(plan.render(ROOT)).isEmpty();
    }

    @Test
    void aChangedEnvValueRestartsOnlyThatAppNamingTheKey() {
        AppSpec tts = spec("tts");
        ReloadPlan plan = diff(applied(tts, spec("api")),
                List.of(ok(spec("api")), ok(Specs.withEnv(tts, "PORT", "9000"))));

        assertThat(plan.changed()).singleElement().satisfies(c -> {
            assertThat(c.after().env()).containsEntry("PORT", "9000");
            assertThat(c.reasons()).containsExactly("env.PORT changed");
        });
        assertThat(plan.unchanged()).containsExactly("api");
        assertThat(plan.render(ROOT)).containsExactly("~ restarting tts (env.PORT changed)");
    }

    @Test
    void envKeysAddedAndRemovedAreNamedInOrder() {
        AppSpec before = spec("tts");
        AppSpec after = Specs.withEnv(Specs.withEnv(before, "PORT", null), "API_KEY", "s3cret");

        assertThat(SpecComparison.reasons(before, after)).containsExactly("env.API_KEY added", "env.PORT removed");
    }

    @Test
    void manyChangedEnvKeysAreSummarised() {
        AppSpec before = spec("tts");
        AppSpec after = before;
        for (String key : List.of("A", "B", "C", "D", "E", "F", "G")) {
            after = Specs.withEnv(after, key, "1");
        }

        assertThat(SpecComparison.reasons(before, after)).containsExactly("env.A added", "env.B added",
                "env.C added", "env.D added", "env.E added", "and 2 more env keys");
    }

    @Test
    void eachFieldHasItsOwnReason() {
        AppSpec s = spec("x");

        assertThat(SpecComparison.reasons(s, Specs.withArgv(s, "/bin/sh", "run.sh", "--fast")))
                .containsExactly("args changed");
        assertThat(SpecComparison.reasons(s, Specs.withArgv(s, "/bin/bash", "run.sh")))
                .containsExactly("command changed");
        assertThat(SpecComparison.reasons(s, Specs.withCwd(s, ROOT.resolve("elsewhere"))))
                .containsExactly("cwd changed");
        assertThat(SpecComparison.reasons(s, Specs.withRuntime(s, "python")))
                .containsExactly("runtime changed");
        assertThat(SpecComparison.reasons(s, Specs.withStop(s, new dev.orchestrator.plan.StopSpec("SIGINT",
                s.stop().killTimeout())))).containsExactly("kill_signal changed");
        assertThat(SpecComparison.reasons(s, Specs.withWatch(s, new dev.orchestrator.plan.WatchSpec(
                List.of(s.cwd()), List.of(), s.watch().delay())))).containsExactly("watch changed");
        assertThat(SpecComparison.reasons(s, Specs.withSource(s, ROOT.resolve("agents/x/ecosystem.yaml"))))
                .containsExactly("source changed");
        assertThat(SpecComparison.reasons(s, s)).isEmpty();
    }

    @Test
    void onlyInstancesChangedScalesWithoutRestarting() {
        AppSpec proxy = spec("proxy");
        ReloadPlan plan = diff(applied(Specs.withInstances(proxy, 2)), List.of(ok(Specs.withInstances(proxy, 3))));

        assertThat(plan.changed()).isEmpty();
        assertThat(plan.scaled()).singleElement().satisfies(s -> {
            assertThat(s.before().instances()).isEqualTo(2);
            assertThat(s.after().instances()).isEqualTo(3);
        });
        assertThat(plan.render(ROOT)).containsExactly("^ scaling proxy 2 -> 3");
    }

    @Test
    void instancesChangedWithAnotherFieldRestartsAndSaysBoth() {
        AppSpec proxy = spec("proxy");
        AppSpec after = Specs.withEnv(Specs.withInstances(proxy, 3), "PORT", "1");

        ReloadPlan plan = diff(applied(proxy), List.of(ok(after)));

        assertThat(plan.scaled()).isEmpty();
        assertThat(plan.render(ROOT)).containsExactly("~ restarting proxy (env.PORT changed, instances 1 -> 3)");
    }

    @Test
    void aFailedAppOfABrokenFileKeepsRunningItsLastValidVersion() {
        Path file = ROOT.resolve("agents/duck/ecosystem.yaml");
        Problem problem = error(file, 3, 5, "unknown key 'scirpt'; did you mean 'script'?");
        AppSpec duck = Specs.withSource(spec("duck_voice"), file);

        ReloadPlan plan = diff(applied(duck, spec("api")),
                List.of(failed("duck_voice", problem), ok(spec("api"))), problem);

        assertThat(plan.removed()).isEmpty();
        assertThat(plan.kept()).extracting(ReloadPlan.Kept::name).containsExactly("duck_voice");
        assertThat(plan.render(ROOT)).containsExactly("! keeping duck_voice at its last valid version: "
                + "agents/duck/ecosystem.yaml:3:5: error: unknown key 'scirpt'; did you mean 'script'?");
    }

    @Test
    void anEmptyOrHalfWrittenFileThatNamesNoAppsStopsNothing() {
        Problem empty = error(descriptor("api"), 1, 1,
                "descriptor is empty; add an app (script: ...) or a list under apps:, or delete the file");

        ReloadPlan plan = diff(applied(spec("api")), List.of(), empty);

        assertThat(plan.removed()).isEmpty();
        assertThat(plan.kept()).containsExactly(new ReloadPlan.Kept("api", empty, true));
        assertThat(plan.render(ROOT)).containsExactly("! keeping api at its last valid version: "
                + "services/api/ecosystem.yaml:1:1: error: descriptor is empty; add an app (script: ...) or a list"
                + " under apps:, or delete the file");
    }

    @Test
    void aDropInFolderWithABrokenNewDescriptorKeepsItsApp() {
        AppSpec dropIn = Specs.withSource(spec("stt"), ROOT.resolve("services/stt"));
        Problem problem = error(ROOT.resolve("services/stt/ecosystem.yaml"), 2, 1, "bad");

        ReloadPlan plan = diff(applied(dropIn), List.of(), problem);

        assertThat(plan.kept()).extracting(ReloadPlan.Kept::name).containsExactly("stt");
    }

    @Test
    void aKeptAppIsReportedOnceUntilItsErrorChanges() {
        Problem first = error(descriptor("api"), 2, 1, "first");
        AppliedState state = applied(spec("api"));

        ReloadPlan once = diff(state, List.of(failed("api", first)), first);
        AppliedState after = once.next(state);
        ReloadPlan again = diff(after, List.of(failed("api", first)), first);
        Problem second = error(descriptor("api"), 4, 1, "second");
        ReloadPlan other = diff(after, List.of(failed("api", second)), second);

        assertThat(once.render(ROOT)).hasSize(1);
        assertThat(again.kept()).singleElement().extracting(ReloadPlan.Kept::news).isEqualTo(false);
        assertThat(again.render(ROOT)).isEmpty();
        assertThat(other.render(ROOT)).containsExactly(
                "! keeping api at its last valid version: services/api/ecosystem.yaml:4:1: error: second");
        assertThat(after.applied()).containsKey("api");
    }

    @Test
    void aFixedDescriptorAppliesItsNextValidVersion() {
        Problem broken = error(descriptor("api"), 2, 1, "bad");
        AppliedState state = diff(applied(spec("api")), List.of(failed("api", broken)), broken)
                .next(applied(spec("api")));

        ReloadPlan plan = diff(state, List.of(ok(Specs.withEnv(spec("api"), "PORT", "1"))));

        assertThat(plan.render(ROOT)).containsExactly("~ restarting api (env.PORT changed)");
        assertThat(plan.next(state).failed()).isEmpty();
    }

    @Test
    void anAppThatFailedBeforeAndPlansNowIsRetried() {
        Problem missing = error(descriptor("api"), 3, 3, "env_file '.env' not found");
        AppliedState state = new AppliedState(Map.of(), Map.of("api", missing));

        ReloadPlan plan = diff(state, List.of(ok(spec("api"))));

        assertThat(plan.added()).isEmpty();
        assertThat(plan.retried()).extracting(s -> s.spec().name()).containsExactly("api");
        assertThat(plan.render(ROOT)).containsExactly("+ started api (it plans now)");
        assertThat(plan.next(state).applied()).containsKey("api");
        assertThat(plan.next(state).failed()).isEmpty();
    }

    @Test
    void aNewFailureIsReportedOnceAndMarkedFailed() {
        Problem missing = error(descriptor("api"), 3, 3, "env_file '.env' not found");

        ReloadPlan plan = diff(AppliedState.EMPTY, List.of(failed("api", missing)), missing);
        ReloadPlan again = diff(plan.next(AppliedState.EMPTY), List.of(failed("api", missing)), missing);

        assertThat(plan.render(ROOT)).containsExactly(
                "! api cannot start: services/api/ecosystem.yaml:3:3: error: env_file '.env' not found");
        assertThat(again.failed()).singleElement().extracting(ReloadPlan.Failure::news).isEqualTo(false);
        assertThat(again.hasNews()).isFalse();
    }

    @Test
    void aRunningAppWhosePlanNowFailsIsKept() {
        Problem unset = error(descriptor("api"), 5, 7, "${TOKEN} is not set");

        ReloadPlan plan = diff(applied(spec("api")), List.of(failed("api", unset)));

        assertThat(plan.removed()).isEmpty();
        assertThat(plan.kept()).extracting(ReloadPlan.Kept::name).containsExactly("api");
    }

    @Test
    void anErrorInOrchestratorYamlHoldsTheWholeReload() {
        Problem rootError = error(ROOT.resolve("orchestrator.yaml"), 2, 1, "bad roots");

        ReloadPlan plan = diff(applied(spec("a"), spec("b")), List.of(ok(spec("new"))), rootError);

        assertThat(plan.added()).isEmpty();
        assertThat(plan.removed()).isEmpty();
        assertThat(plan.kept()).extracting(ReloadPlan.Kept::name).containsExactly("a", "b");
    }

    @Test
    void aStoppedAppIsUpdatedButNotStarted() {
        AppSpec tts = spec("tts");
        AppSpec proxy = spec("proxy");
        AppliedState state = applied(tts, proxy);

        ReloadPlan plan = ReloadDiff.diff(state, Set.of("tts", "proxy", "fresh"), ROOT,
                List.of(ok(Specs.withEnv(tts, "PORT", "1")), ok(Specs.withInstances(proxy, 2)), ok(spec("fresh"))),
                List.of());

        assertThat(plan.changed()).singleElement().extracting(ReloadPlan.Change::stoppedByUser).isEqualTo(true);
        assertThat(plan.render(ROOT)).containsExactly(
                "~ updated tts (env.PORT changed; stopped by user, not started)",
                "^ updated proxy instances 1 -> 2 (stopped by user, not started)",
                "+ added fresh (stopped by user, not started)");
    }

    @Test
    void renderListsStopsThenRestartsThenScalingThenStarts() {
        ReloadPlan plan = diff(applied(spec("gone"), spec("tts"), spec("proxy")), List.of(
                ok(spec("api")), ok(Specs.withEnv(spec("tts"), "PORT", "1")),
                ok(Specs.withInstances(spec("proxy"), 2))));

        assertThat(plan.render(ROOT)).containsExactly("- stopped gone", "~ restarting tts (env.PORT changed)",
                "^ scaling proxy 1 -> 2", "+ started api");
    }

    @Test
    void nextStateRecordsNewSpecsAndForgetsRemovedApps() {
        AppliedState state = applied(spec("gone"), spec("tts"));
        AppSpec tts = Specs.withEnv(spec("tts"), "PORT", "1");

        AppliedState next = diff(state, List.of(ok(tts), ok(spec("api")))).next(state);

        assertThat(next.applied()).containsOnlyKeys("tts", "api");
        assertThat(next.applied().get("tts")).isEqualTo(tts);
    }
}
