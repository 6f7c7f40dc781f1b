package dev.orchestrator.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import of a Promethean-style tree of PM2 configs (src/test/resources/pm2/promethean), evaluated by node. */
class ImporterTest {

    @TempDir
    Path temp;

    Path root;
    ImportPlan plan;

    @BeforeEach
    void importTree() {
        root = Pm2Fixture.copy("promethean", temp);
        plan = Pm2Fixture.plan(root, Pm2Fixture.shellEnv(temp), Optional.empty());
    }

    private OutputFile output(String descriptor) {
        return plan.outputs().stream().filter(o -> o.descriptor().equals(root.resolve(descriptor))).findFirst()
                .orElseThrow(() -> new AssertionError("no output " + descriptor));
    }

    private List<String> findings(String config, String app) {
        return plan.findings().stream().filter(f -> f.file().equals(root.resolve(config)))
                .filter(f -> f.app().equals(Optional.ofNullable(app)))
                .map(f -> f.kind().label() + ": " + f.message()).toList();
    }

    @Test
    void everyConfigThatDefinesAppsBecomesAnEcosystemYamlBesideIt() {
        assertThat(plan.outputs()).extracting(o -> root.relativize(o.descriptor()).toString()).containsExactly(
                "agents/duck/ecosystem.yaml", "services/js/vision/ecosystem.yaml", "services/js/workers/ecosystem.yaml",
                "services/py/embeddings/ecosystem.yaml", "services/py/tts/ecosystem.yaml",
                "services/ts/llm/ecosystem.yaml");
        assertThat(plan.outputs()).allMatch(OutputFile::valid);
        assertThat(plan.hasErrors()).isFalse();
    }

    @Test
    void anAggregatorThatOnlyReExportsOtherConfigsIsSupersededByDiscovery() {
        assertThat(findings("ecosystem.config.js", null)).containsExactly("dropped: exports only apps defined in "
                + "agents/duck/ecosystem.config.js, services/py/tts/ecosystem.config.js, "
                + "services/js/vision/ecosystem.config.cjs, services/js/workers/ecosystem.config.js: nothing to write; "
                + "discovery finds their ecosystem.yaml files itself, so this aggregator is superseded (delete it once "
                + "you stop using PM2)");
    }

    @Test
    void theAgentFileKeepsItsAppsAsServicesWithItsSecretsInAnEnvFile() {
        OutputFile duck = output("agents/duck/ecosystem.yaml");
        assertThat(duck.yaml()).isEqualTo("""
                # Imported from ecosystem.config.js by 'orchestrator import' (docs/migrating-from-pm2.md).
                # Secrets are in .env.orchestrator (mode 0600, git-ignored); .env.example lists their names.
                apps:
                  - name: duck_discord_indexer
                    runtime: python
                    service: ../../services/py/discord_indexer
                    env:
                      DISCORD_CLIENT_USER_ID: "449279570445729793"
                      DEFAULT_CHANNEL_NAME: duck-bots
                      AGENT_NAME: Duck
                    env_file: .env.orchestrator
                    instances: 1
                    autorestart: true
                    restart_delay: 10000
                    kill_timeout: 10000
                    kill_signal: SIGINT
                    out_file: ../../services/py/discord_indexer/logs/duck_discord_indexer-out.log
                    error_file: ../../services/py/discord_indexer/logs/duck_discord_indexer-err.log
                    merge_logs: true
                  - name: duck_cephalon
                    script: dist/index.js
                    service: ../../services/ts/cephalon
                    env:
                      DISCORD_CLIENT_USER_ID: "449279570445729793"
                      DEFAULT_CHANNEL_NAME: duck-bots
                      AGENT_NAME: Duck
                    env_file: .env.orchestrator
                    instances: 1
                    autorestart: true
                    restart_delay: 10000
                    kill_timeout: 10000
                    kill_signal: SIGINT
                    out_file: ../../services/ts/cephalon/logs/duck_cephalon-out.log
                    error_file: ../../services/ts/cephalon/logs/duck_cephalon-err.log
                    merge_logs: true
                  - name: duck_attachment_indexer
                    runtime: python
                    service: ../../services/py/discord_indexer
                    env:
                      DISCORD_CLIENT_USER_ID: "449279570445729793"
                      DEFAULT_CHANNEL_NAME: duck-bots
                      AGENT_NAME: Duck
                      CAPTURE_CHANNEL_ID: "1401730790467047586"
                    env_file: .env.orchestrator
                    instances: 1
                    watch:
                      - ../../services/py/discord_indexer/services/py/tts
                    autorestart: true
                    restart_delay: 10000
                    kill_timeout: 10000
                    kill_signal: SIGINT
                    out_file: ../../services/py/discord_indexer/logs/duck_attachment_indexer-out.log
                    error_file: ../../services/py/discord_indexer/logs/duck_attachment_indexer-err.log
                    merge_logs: true
                  - name: chromadb
                    script: ./scripts/run_chroma.sh
                    restart_delay: 10000
                    kill_timeout: 10000
                    kill_signal: SIGINT
                """);
        assertThat(duck.envFiles()).containsOnlyKeys(root.resolve("agents/duck/.env.orchestrator"));
        assertThat(duck.envFiles().values().iterator().next()).endsWith("""
                DISCORD_TOKEN='not-a-real-token'
                OPENAI_BASE='http://127.0.0.1:9999/v1'
                """);
        assertThat(duck.example()).hasValue("""
                # The secrets ecosystem.yaml expects, without their values. Copy this file to the env file named \
                below and fill it in.
                # .env.orchestrator
                DISCORD_TOKEN=
                OPENAI_BASE=
                """);
        assertThat(findings("agents/duck/ecosystem.config.js", "duck_cephalon")).contains(
                "secret: DISCORD_TOKEN (loaded into process.env.DISCORD_TOKEN while the config ran), OPENAI_BASE "
                        + "(loaded into process.env.OPENAI_BASE while the config ran): written to the env file, not "
                        + "the YAML",
                "mapped: script '.' is a folder: wrote its entry file 'dist/index.js' (node given a folder fails for "
                        + "ESM packages with ERR_UNSUPPORTED_DIR_IMPORT)",
                "dropped: env not written, the orchestrator sets it itself: PM2_PROCESS_NAME=duck_cephalon, "
                        + "HEARTBEAT_PORT=5005, PYTHONUNBUFFERED=1 (by the python runtime), PYTHONPATH=" + root
                        + " (the project root, always prepended), CHECK_INTERVAL=300000, HEARTBEAT_TIMEOUT=600000");
        assertThat(findings("agents/duck/ecosystem.config.js", "duck_attachment_indexer")).contains(
                "warning: watch path './services/py/tts' does not exist (PM2 resolves it against the app's cwd: "
                        + root.resolve("services/py/discord_indexer/services/py/tts") + "); written anyway");
        assertThat(findings("agents/duck/ecosystem.config.js", "chromadb")).contains("warning: env MISSING_TOKEN "
                + "was undefined when the config ran (process.env.MISSING_TOKEN not set?): PM2 drops it, and so does "
                + "this import; if the app needs it, add it to the env file");
    }

    @Test
    void pipenvWrappersBecomeThePythonRuntime() {
        assertThat(output("services/py/tts/ecosystem.yaml").yaml()).isEqualTo("""
                # Imported from ecosystem.config.js by 'orchestrator import' (docs/migrating-from-pm2.md).
                name: tts
                runtime: python
                instances: 1
                autorestart: true
                restart_delay: 10000
                kill_timeout: 10000
                kill_signal: SIGINT
                out_file: logs/tts-out.log
                error_file: logs/tts-err.log
                merge_logs: true
                """);
        assertThat(findings("services/py/tts/ecosystem.config.js", "tts")).contains("mapped: 'pipenv run python -m "
                + "main' became runtime: python (no script: it runs python -m main): the python plugin runs it inside "
                + "pipenv (found Pipfile) with PYTHONUNBUFFERED=1 (PM2 ran the pipenv shim with node unless "
                + "interpreter: none)");
    }

    @Test
    void anEsmConfigWithAPromiseExportIsAwaitedAndValuesFromTheShellAreSecrets() {
        assertThat(output("services/ts/llm/ecosystem.yaml").yaml()).isEqualTo("""
                # Imported from ecosystem.config.mjs by 'orchestrator import' (docs/migrating-from-pm2.md).
                # Secrets are in .env.orchestrator (mode 0600, git-ignored); .env.example lists their names.
                name: llm
                script: dist/index.js
                interpreter_args: --enable-source-maps
                env:
                  LLM_MODEL: small
                  PORT: "8888"
                env_file: .env.orchestrator
                kill_timeout: 30000
                kill_signal: SIGINT
                """);
        assertThat(findings("services/ts/llm/ecosystem.config.mjs", "llm")).containsExactly("secret: API_URL (taken "
                + "from the environment, process.env.SHELL_API_URL): written to the env file, not the YAML");
    }

    @Test
    void valuesYamlWouldRetypeStayStringsAndDollarsStayLiteral() {
        assertThat(output("services/py/embeddings/ecosystem.yaml").yaml()).isEqualTo("""
                # Imported from ecosystem.config.json by 'orchestrator import' (docs/migrating-from-pm2.md).
                name: embeddings
                runtime: python
                script: uvicorn
                args:
                  - app:app
                  - --port
                  - "5001"
                env:
                  COUNTRY: "NO"
                  MODE: "0755"
                  VERSION: "1.10"
                  FLAG: "true"
                  PRICE: $$5
                  EMPTY: ""
                kill_signal: SIGINT
                max_memory_restart: 512M
                cron_restart: 0 4 * * *
                """);
        assertThat(findings("services/py/embeddings/ecosystem.config.json", "embeddings")).contains(
                "mapped: cron_restart '0 0 4 * * *' has a seconds field (0): written as '0 4 * * *'");
    }

    @Test
    void optionsWeDoNotHaveAreReportedWithTheAppAndTheReason() {
        List<String> mail = findings("services/js/workers/ecosystem.config.js", "worker_mail");
        assertThat(mail).contains(
                "mapped: PM2's node_args is interpreter_args here",
                "unsupported: exec_mode: cluster not imported: Node's cluster mode (N workers sharing one port) does "
                        + "not exist here; each instance is its own process, so give each its own port "
                        + "(NODE_APP_INSTANCE) or put a proxy in front",
                "mapped: time: true became log_date_format (PM2's timestamp prefix)",
                "mapped: log_date_format 'YYYY-MM-DDTHH:mm:ss' (day.js) written as 'yyyy-MM-dd'T'HH:mm:ss' "
                        + "(java.time)",
                "unsupported: log_type not imported: log lines are stored as the app prints them (no JSON "
                        + "wrapping); log_date_format adds a timestamp",
                "unsupported: pmx not imported: a PM2 / PM2.io (Keymetrics) monitoring feature with no equivalent "
                        + "here",
                "unsupported: 'watch_ignore' is not a PM2 option (PM2 ignored it): not imported",
                "warning: env_production not imported: pass --env production to merge it into env (PM2's '--env "
                        + "production'); profiles are not read at run time");
        assertThat(findings("services/js/workers/ecosystem.config.js", "worker_search"))
                .contains("mapped: autostart: false became disabled: true (listed and validated, not started by up)");
        assertThat(output("services/js/workers/ecosystem.yaml").yaml()).contains("""
                  - name: worker_search
                    script: ./worker.js
                    args:
                      - --queue
                      - search
                    interpreter_args:
                      - --max-old-space-size=256
                    env:
                      QUEUE: search
                      SLOT: "2"
                """).contains("    disabled: true\n");
    }

    @Test
    void anEnvProfileMergesWhenNamed() {
        ImportPlan production = Pm2Fixture.plan(root, Pm2Fixture.shellEnv(temp), Optional.of("production"));
        OutputFile workers = production.outputs().stream()
                .filter(o -> o.descriptor().equals(root.resolve("services/js/workers/ecosystem.yaml")))
                .findFirst().orElseThrow();
        assertThat(workers.yaml()).contains("\nenv:\n  NODE_ENV: production\napps:\n"); // shared by every app
        assertThat(production.findings()).extracting(Finding::message)
                .contains("env_production merged over env (--env production)")
                .contains("no env_production block for --env production: PM2 warns the same and uses env alone");
    }

    @Test
    void writingCreatesTheEnvFilePrivateAndGitIgnoredAndNeverPutsSecretsInYaml() throws IOException {
        ImportPlan.Written written = plan.write(false);
        assertThat(written.refused()).isEmpty();
        Path duck = root.resolve("agents/duck");
        assertThat(written.written()).contains(duck.resolve("ecosystem.yaml"), duck.resolve(".env.orchestrator"),
                duck.resolve(".env.example"));
        assertThat(Files.getPosixFilePermissions(duck.resolve(".env.orchestrator")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(duck.resolve(".gitignore")).hasContent(".env.orchestrator");
        for (OutputFile o : plan.outputs()) {
            assertThat(Files.readString(o.descriptor())).isEqualTo(o.yaml())
                    .doesNotContain("not-a-real-token", "127.0.0.1:9999", "example.invalid");
        }
    }

    @Test
    void anExistingDescriptorIsNotReplacedWithoutForce() throws IOException {
        Path existing = Files.writeString(root.resolve("services/py/tts/ecosystem.yaml"), "name: mine\n");
        ImportPlan.Written written = plan.write(false);
        assertThat(written.refused()).extracting(f -> f.format(root)).containsExactly("services/py/tts/"
                + "ecosystem.config.js: error: nothing written: ecosystem.yaml already exists beside it; pass --force "
                + "to replace it");
        assertThat(existing).hasContent("name: mine");
        assertThat(plan.write(true).refused()).isEmpty();
        assertThat(existing).hasContent(output("services/py/tts/ecosystem.yaml").yaml().stripTrailing());
    }

    @Test
    void nodeModulesAreNeverSearchedAndABrokenConfigDoesNotStopTheOthers() throws IOException {
        Path junk = Files.createDirectories(root.resolve("services/js/vision/node_modules/junk"));
        Files.writeString(junk.resolve("ecosystem.config.js"), "module.exports = {apps: [{name: 'never'}]};\n");
        Path broken = Files.createDirectories(root.resolve("services/js/broken"));
        Files.writeString(broken.resolve("ecosystem.config.js"), "module.exports = {apps: [oops]};\n");
        ImportPlan again = Pm2Fixture.plan(root, Pm2Fixture.shellEnv(temp), Optional.empty());
        assertThat(again.outputs()).hasSize(6);
        assertThat(again.findings()).filteredOn(f -> f.kind() == Finding.Kind.ERROR).singleElement()
                .satisfies(f -> {
                    assertThat(f.file()).isEqualTo(broken.resolve("ecosystem.config.js"));
                    assertThat(f.message()).startsWith("not imported: evaluating it failed (PM2 would say "
                            + "'malformated'): ReferenceError: oops is not defined");
                });
    }
}
