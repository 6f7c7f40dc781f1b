package dev.orchestrator.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.PlannedApp;
import dev.orchestrator.plan.ProjectPlan;
import dev.orchestrator.testing.FixtureProjects;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After an import, the loader plans exactly the apps the PM2 configs describe, with the same cwd, command line and
 * env (secrets included, read back from the env file): what {@code orchestrator config} shows is what PM2 ran.
 */
class ImportRoundTripTest {

    @TempDir
    Path temp;

    @Test
    void theImportedTreePlansThePm2AppsWithTheirCwdArgvAndEnv() {
        Path root = Pm2Fixture.copy("promethean", temp);
        Map<String, String> shell = Pm2Fixture.shellEnv(temp);
        ImportPlan imported = Pm2Fixture.plan(root, shell, Optional.empty());
        assertThat(imported.write(false).refused()).isEmpty();
        Path bin = FixtureProjects.fakeBin(temp, "uv", "pipenv", "python3", "node");
        ProjectPlan loaded = Pm2Fixture.load(root, Map.of("PATH", bin + ":/usr/bin:/bin", "HOME", temp.toString()));

        Map<String, Pm2App> pm2 = pm2Apps(root, shell);
        assertThat(loaded.problems()).filteredOn(p -> p.isError()).isEmpty();
        assertThat(loaded.apps()).allSatisfy(a -> assertThat(a.failure()).as(a.name()).isEmpty());
        assertThat(loaded.apps()).extracting(PlannedApp::name).containsExactlyInAnyOrderElementsOf(pm2.keySet());

        Map<String, List<String>> argv = expectedArgv(root, bin);
        for (PlannedApp app : loaded.apps()) {
            AppSpec spec = app.spec().orElseThrow();
            Pm2App source = pm2.get(app.name());
            assertThat(spec.argv()).as(app.name()).isEqualTo(argv.get(app.name()));
            Path folder = root.resolve(configOf(app.name()));
            Object cwd = source.config().get("cwd");
            assertThat(spec.cwd()).as(app.name()).isEqualTo(cwd == null ? folder : folder.resolve((String) cwd));
            assertThat(spec.stop().killSignal()).isEqualTo("SIGINT");
            for (Map.Entry<String, String> e : env(source).entrySet()) {
                if (e.getKey().equals("PYTHONUNBUFFERED") && !spec.runtime().equals("python")) {
                    continue; // PM2's helper set it on node apps too; only the python runtime sets it here
                }
                assertThat(spec.env()).as(app.name() + " env").containsEntry(e.getKey(), e.getValue());
            }
        }
        AppSpec indexer = spec(loaded, "duck_discord_indexer");
        assertThat(indexer.secretKeys()).contains("DISCORD_TOKEN", "OPENAI_BASE");
        assertThat(indexer.logs().outFile())
                .isEqualTo(root.resolve("services/py/discord_indexer/logs/duck_discord_indexer-out.log"));
        assertThat(indexer.restart().restartDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(indexer.stop().killTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(app(loaded, "worker_search").disabled()).isTrue();
    }

    private static PlannedApp app(ProjectPlan plan, String name) {
        return plan.apps().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    private static AppSpec spec(ProjectPlan plan, String name) {
        return app(plan, name).spec().orElseThrow();
    }

    /** What PM2 gets from each config evaluated on its own (the aggregator adds nothing). */
    private static Map<String, Pm2App> pm2Apps(Path root, Map<String, String> shell) {
        Map<String, Pm2App> apps = new LinkedHashMap<>();
        try (Pm2Evaluator evaluator = new Pm2Evaluator(shell, Duration.ofSeconds(30))) {
            for (Path config : Pm2Configs.find(root, java.util.Set.of())) {
                evaluator.evaluate(config).apps().forEach(a -> apps.putIfAbsent(a.name(), a));
            }
        }
        return apps;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> env(Pm2App app) {
        return (Map<String, String>) app.config().getOrDefault("env", Map.of());
    }

    private static String configOf(String app) {
        return switch (app) {
            case "tts" -> "services/py/tts";
            case "embeddings" -> "services/py/embeddings";
            case "vision" -> "services/js/vision";
            case "llm" -> "services/ts/llm";
            default -> app.startsWith("worker_") ? "services/js/workers" : "agents/duck";
        };
    }

    /** The command line PM2's config meant for each app, with the fake tools of the test PATH. */
    private static Map<String, List<String>> expectedArgv(Path root, Path bin) {
        String pipenv = bin.resolve("pipenv").toString();
        String node = bin.resolve("node").toString();
        Map<String, List<String>> argv = new LinkedHashMap<>();
        for (String python : List.of("tts", "duck_discord_indexer", "duck_attachment_indexer")) {
            argv.put(python, List.of(pipenv, "run", "python", "-m", "main"));
        }
        argv.put("embeddings", List.of(bin.resolve("uv").toString(), "run", "uvicorn", "app:app", "--port", "5001"));
        argv.put("vision", List.of(node, root.resolve("services/js/vision/index.js").toString()));
        argv.put("duck_cephalon", List.of(node, root.resolve("services/ts/cephalon/dist/index.js").toString()));
        argv.put("llm", List.of(node, "--enable-source-maps", root.resolve("services/ts/llm/dist/index.js")
                .toString()));
        for (String queue : List.of("mail", "thumbs", "search")) {
            argv.put("worker_" + queue, List.of(node, "--max-old-space-size=256",
                    root.resolve("services/js/workers/worker.js").toString(), "--queue", queue));
        }
        // PM2 runs a .sh with bash; the shell runtime execs an executable script itself, so its shebang decides
        argv.put("chromadb", List.of(root.resolve("agents/duck/scripts/run_chroma.sh").toString()));
        return argv;
    }
}
