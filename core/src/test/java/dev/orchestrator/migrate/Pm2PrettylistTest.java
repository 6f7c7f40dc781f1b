package dev.orchestrator.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.PlannedApp;
import dev.orchestrator.plan.ProjectPlan;
import dev.orchestrator.testing.FixtureProjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares an import with PM2's own resolved view ({@code pm2 jlist}, the JSON behind {@code pm2 prettylist}) of the
 * same configs, started under a real PM2 with a private PM2_HOME. Optional: runs only when ORCHESTRATOR_PM2 names a
 * pm2 binary, so the regular suite needs no network (docs/migrating-from-pm2.md says how to install one):
 * <pre>mkdir -p /tmp/pm2 &amp;&amp; cd /tmp/pm2 &amp;&amp; npm init -y &amp;&amp; npm install pm2
 * ORCHESTRATOR_PM2=/tmp/pm2/node_modules/.bin/pm2 mvn -pl core -am test -Dtest='Pm2PrettylistTest'</pre>
 * PM2 lists only started apps, so every config is started; the fake pipenv/uv/node tools keep the apps harmless.
 * The .mjs fixture is left out: PM2 require()s configs and does not await a Promise export.
 */
class Pm2PrettylistTest {

    private static final List<String> CONFIGS = List.of("agents/duck/ecosystem.config.js",
            "services/py/tts/ecosystem.config.js", "services/js/vision/ecosystem.config.cjs",
            "services/js/workers/ecosystem.config.js", "services/py/embeddings/ecosystem.config.json");

    @TempDir
    Path temp;

    @Test
    void theImportedAppsHaveTheCwdEnvAndCommandPm2Resolves() throws Exception {
        String pm2 = System.getenv("ORCHESTRATOR_PM2");
        assumeTrue(pm2 != null && Files.isExecutable(Path.of(pm2)), "ORCHESTRATOR_PM2 is not set to a pm2 binary: "
                + "the comparison with PM2 itself is optional (see docs/migrating-from-pm2.md)");
        Path root = Pm2Fixture.copy("promethean", temp);
        Path bin = FixtureProjects.fakeBin(temp, "uv", "pipenv", "python3");
        Map<String, String> env = new HashMap<>(Pm2Fixture.shellEnv(temp));
        env.put("PATH", bin + ":" + env.get("PATH"));
        env.put("PM2_HOME", Files.createDirectories(temp.resolve("pm2-home")).toString());
        Map<String, JsonNode> listed = new HashMap<>();
        try {
            for (String config : CONFIGS) {
                Path file = root.resolve(config);
                run(env, file.getParent(), pm2, "start", file.getFileName().toString());
            }
            for (JsonNode app : new ObjectMapper().readTree(run(env, root, pm2, "jlist"))) {
                listed.put(app.get("name").asText(), app);
            }
        } finally {
            run(env, root, pm2, "kill");
        }
        ImportPlan imported = Pm2Fixture.plan(root, env, Optional.empty());
        assertThat(imported.write(false).refused()).isEmpty();
        ProjectPlan loaded = Pm2Fixture.load(root, env);
        List<String> compared = new ArrayList<>();
        for (PlannedApp app : loaded.apps()) {
            JsonNode pm2App = listed.get(app.name());
            if (pm2App == null || app.name().equals("llm")) {
                continue;
            }
            AppSpec spec = app.spec().orElseThrow(() -> new AssertionError(app.name() + ": " + app.failure()));
            JsonNode pm2Env = pm2App.get("pm2_env");
            assertThat(spec.cwd()).as(app.name() + " cwd").isEqualTo(Path.of(pm2Env.get("pm_cwd").asText()));
            assertThat(spec.argv()).as(app.name() + " argv").endsWith(args(pm2Env).toArray(String[]::new));
            assertThat(spec.argv().toString()).as(app.name() + " script")
                    .contains(Path.of(pm2Env.get("pm_exec_path").asText()).getFileName().toString());
            for (Iterator<Map.Entry<String, JsonNode>> it = pm2Env.get("env").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (configEnvKey(e.getKey()) && spec.env().containsKey(e.getKey())) {
                    assertThat(spec.env().get(e.getKey())).as(app.name() + " env " + e.getKey())
                            .isEqualTo(e.getValue().asText());
                }
            }
            compared.add(app.name());
        }
        assertThat(compared).containsExactlyInAnyOrder("duck_discord_indexer", "duck_cephalon",
                "duck_attachment_indexer", "chromadb", "tts", "vision", "worker_mail", "worker_thumbs",
                "worker_search", "embeddings");
    }

    /** The keys PM2's env holds because a config set them (PM2 adds its whole own environment too). */
    private static boolean configEnvKey(String key) {
        return key.matches("[A-Z_]+") && !List.of("PATH", "HOME", "PM2_HOME", "PWD", "LANG", "SHELL_API_URL",
                "PM2_USAGE", "PM2_JSON_PROCESSING", "NODE_APP_INSTANCE", "PYTHONUNBUFFERED").contains(key);
    }

    private static List<String> args(JsonNode pm2Env) {
        List<String> args = new ArrayList<>();
        pm2Env.path("args").forEach(a -> args.add(a.asText()));
        return args;
    }

    private String run(Map<String, String> env, Path dir, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false);
        builder.environment().clear();
        builder.environment().putAll(env);
        Path out = Files.createTempFile(temp, "pm2", ".out");
        builder.redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = builder.start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(out);
        }
    }
}
