package dev.orchestrator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.descriptor.Problem;
import dev.orchestrator.descriptor.RootConfig;
import dev.orchestrator.descriptor.RootConfigReader;
import dev.orchestrator.plugin.PluginRegistry;
import dev.orchestrator.testing.FixtureProjects;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole loader pipeline over a Promethean-style tree, with fake uv/pipenv/python3/node on a test PATH. */
class ProjectLoaderTest {

    @TempDir
    Path temp;

    Path root;
    Path bin;
    ProjectPlan plan;

    @BeforeEach
    void load() {
        root = FixtureProjects.copy("promethean", temp);
        bin = FixtureProjects.fakeBin(temp, "uv", "pipenv", "python3", "node");
        Map<String, String> env = Map.of("PATH", bin + ":/usr/bin:/bin", "HOME", "/home/test", "LANG", "C.UTF-8");
        plan = new ProjectLoader(env, PluginRegistry.load(getClass().getClassLoader())).load(root);
    }

    private PlannedApp app(String name) {
        return plan.apps().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void findsEveryAppOfTheTreeSortedByName() {
        assertThat(plan.apps()).extracting(PlannedApp::name)
                .containsExactly("api", "broken", "db", "duck_indexer", "duck_web", "stt", "web");
    }

    @Test
    void aPipfileServiceRunsInsidePipenvWithItsDotenvLoadingOff() {
        AppSpec stt = app("stt").spec().orElseThrow();
        assertThat(stt.argv()).containsExactly(bin + "/pipenv", "run", "python", "-m", "main");
        assertThat(stt.cwd()).isEqualTo(root.resolve("services/py/stt"));
        assertThat(stt.env()).containsEntry("PIPENV_DONT_LOAD_ENV", "1").containsEntry("PYTHONUNBUFFERED", "1");
    }

    @Test
    void aCommandScriptRunsInsideUvWithArgsAsTyped() {
        AppSpec api = app("api").spec().orElseThrow();
        assertThat(api.argv()).containsExactly(bin + "/uv", "run", "uvicorn", "app:app", "--port", "5001");
        assertThat(api.env()).containsEntry("PORT", "5001").containsEntry("COUNTRY", "NO")
                .containsEntry("MODE", "0755");
    }

    @Test
    void everyAppGetsIdentityHeartbeatDefaultsAndTheRootOnPythonpath() {
        AppSpec api = app("api").spec().orElseThrow();
        assertThat(api.env()).containsEntry("PM2_PROCESS_NAME", "api").containsEntry("ORCHESTRATOR_APP", "api")
                .containsEntry("HEARTBEAT_PORT", "5005").containsEntry("CHECK_INTERVAL", "300000")
                .containsEntry("HEARTBEAT_TIMEOUT", "600000").containsEntry("PYTHONPATH", root.toString())
                .containsEntry("HOME", "/home/test");
    }

    @Test
    void rootDefaultsApplyUnderEveryApp() {
        AppSpec api = app("api").spec().orElseThrow();
        assertThat(api.restart().restartDelay()).hasMillis(10000);
        assertThat(api.stop().killTimeout()).hasSeconds(10);
        assertThat(api.logs().outFile()).isEqualTo(root.resolve("logs/api-out.log"));
    }

    @Test
    void agentAppsShareTheFileEnvAndSecretsAndGetTheAgentNamespace() {
        PlannedApp indexer = app("duck_indexer");
        AppSpec spec = indexer.spec().orElseThrow();
        assertThat(indexer.namespace()).isEqualTo("duck");
        assertThat(spec.cwd()).isEqualTo(root.resolve("services/py/indexer"));
        assertThat(spec.env()).containsEntry("AGENT_NAME", "Duck")
                .containsEntry("DISCORD_TOKEN", "not-a-real-token")
                .containsEntry("CHANNEL_URL", "https://discord.example/450688080542695436");
        assertThat(spec.secretKeys()).contains("DISCORD_TOKEN");
    }

    @Test
    void aServiceClaimedByAnEnabledAppIsNotAlsoADropIn() {
        assertThat(plan.apps()).extracting(PlannedApp::name).doesNotContain("indexer");
    }

    @Test
    void aDisabledAppClaimsNothingSoItsFolderStillRunsAsADropIn() {
        assertThat(app("duck_web").disabled()).isTrue();
        assertThat(app("web").spec().orElseThrow().argv())
                .containsExactly(bin + "/node", root.resolve("services/js/web/src/index.js").toString());
        assertThat(plan.runnable()).extracting(AppSpec::name).doesNotContain("duck_web");
    }

    @Test
    void aFileWithAnErrorContributesNoneOfItsAppsAndSaysWhy() {
        PlannedApp broken = app("broken");
        assertThat(broken.ok()).isFalse();
        assertThat(broken.failure().map(p -> p.format(root))).contains(
                "services/broken/ecosystem.yaml:3:1: error: unknown key 'watch_ignore'; did you mean 'ignore_watch'?");
        assertThat(plan.problems()).extracting(Problem::message)
                .contains("unknown key 'watch_ignore'; did you mean 'ignore_watch'?");
    }

    @Test
    void aMissingCommandFailsOnlyThatApp() {
        PlannedApp db = app("db");
        assertThat(db.ok()).isFalse();
        assertThat(db.runtime()).contains("shell");
        assertThat(db.failure().orElseThrow().message()).isEqualTo(
                "'mongod' not found on PATH; install it or give the full path in script:");
        assertThat(plan.runnable()).extracting(AppSpec::name).containsExactly("api", "duck_indexer", "stt", "web");
        assertThat(plan.hasFailures()).isTrue();
    }

    @Test
    void aLoadGivenTheRootConfigDoesNotReadOrchestratorYamlAgain() throws Exception {
        // the file now says something else, and is malformed: a loader that read it would report it
        java.nio.file.Files.writeString(root.resolve("orchestrator.yaml"), "logs: elsewhere\ndefaults: [\n");
        Path elsewhere = java.nio.file.Files.createDirectories(temp.resolve("elsewhere"));
        java.nio.file.Files.writeString(elsewhere.resolve("orchestrator.yaml"), "logs: given-logs\n");
        RootConfig given = new RootConfigReader().read(elsewhere);
        Map<String, String> env = Map.of("PATH", bin + ":/usr/bin:/bin", "HOME", "/home/test");

        ProjectPlan again = new ProjectLoader(env, PluginRegistry.load(getClass().getClassLoader())).load(root, given);

        assertThat(again.config()).isSameAs(given);
        assertThat(again.problems()).extracting(Problem::message).noneMatch(m -> m.contains("malformed YAML"));
        assertThat(again.apps().stream().filter(a -> a.name().equals("api")).findFirst().orElseThrow()
                .spec().orElseThrow().logs().outFile()).isEqualTo(root.resolve("given-logs/api-out.log"));
    }

    @Test
    void descriptorsParsedInParallelKeepTheOrderOfTheSequentialLoad() {
        Map<String, String> env = Map.of("PATH", bin + ":/usr/bin:/bin", "HOME", "/home/test", "LANG", "C.UTF-8");
        for (int i = 0; i < 5; i++) {
            ProjectPlan again = new ProjectLoader(env, PluginRegistry.load(getClass().getClassLoader())).load(root);
            assertThat(again.apps()).isEqualTo(plan.apps());
            assertThat(again.problems()).isEqualTo(plan.problems());
        }
    }

    @Test
    void theIdentityVariablesAreShownInTheSameOrderInEveryRun() {
        List<String> keys = List.copyOf(app("api").shownEnv().keySet());

        assertThat(keys.subList(keys.size() - 3, keys.size()))
                .containsExactly("PM2_PROCESS_NAME", "ORCHESTRATOR_APP", "PYTHONPATH");
    }

    @Test
    void appsShareTheProjectsHeartbeatValuesAndAnEmptyDependencyMap() {
        // a daemon keeps every plan: per-app copies of the same values cost memory at thousands of apps
        AppSpec api = app("api").spec().orElseThrow();
        AppSpec web = app("web").spec().orElseThrow();

        assertThat(api.env().get("HEARTBEAT_PORT")).isEqualTo("5005").isSameAs(web.env().get("HEARTBEAT_PORT"));
        assertThat(api.env().get("CHECK_INTERVAL")).isSameAs(web.env().get("CHECK_INTERVAL"));
        assertThat(api.health().dependsOn()).isEmpty();
        assertThat(api.health().dependsOn()).isSameAs(web.health().dependsOn());
    }
}
