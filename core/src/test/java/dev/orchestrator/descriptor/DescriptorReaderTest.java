package dev.orchestrator.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DescriptorReaderTest {

    private static final Path ROOT = Path.of("/repo");
    private static final Path FILE = ROOT.resolve("services/py/a/ecosystem.yaml");

    private final DescriptorReader reader = new DescriptorReader();

    private ParsedDescriptor parse(String yaml) {
        return reader.parse(FILE, yaml);
    }

    private static List<String> messages(ParsedDescriptor d) {
        return d.problems().stream().map(p -> p.format(ROOT)).toList();
    }

    @Test
    void aMisspelledKeyIsAnErrorWithTheClosestValidKey() {
        ParsedDescriptor d = parse("""
                script: main.py
                watch_ignore: [logs]
                """);
        assertThat(messages(d)).containsExactly(
                "services/py/a/ecosystem.yaml:2:1: error: unknown key 'watch_ignore'; did you mean 'ignore_watch'?");
        assertThat(d.hasErrors()).isTrue();
    }

    @Test
    void aTypoByOneLetterGetsASuggestionToo() {
        assertThat(messages(parse("scirpt: main.py\nrestart_dely: 10s\n"))).containsExactly(
                "services/py/a/ecosystem.yaml:1:1: error: unknown key 'scirpt'; did you mean 'script'?",
                "services/py/a/ecosystem.yaml:2:1: error: unknown key 'restart_dely'; did you mean 'restart_delay'?");
    }

    @Test
    void everyProblemInTheFileIsReportedInOneRun() {
        ParsedDescriptor d = parse("""
                apps:
                  - name: one
                    autorestart: yes
                  - name: two
                    kill_timeout: soon
                    instances: 0
                """);
        assertThat(messages(d)).containsExactly(
                "services/py/a/ecosystem.yaml:3:18: error: key 'autorestart' has an invalid value: expected true or "
                        + "false, got 'yes'; write true or false (yes/no/on/off are not booleans here)",
                "services/py/a/ecosystem.yaml:5:19: error: key 'kill_timeout' has an invalid value: expected a "
                        + "duration (milliseconds, or e.g. 500ms, 10s, 5m, 1h), got 'soon'; write e.g. 10000 or 10s",
                "services/py/a/ecosystem.yaml:6:16: error: key 'instances' has an invalid value: expected a number of "
                        + "instances (1 or more) or max, got '0'; write 1 or more, or max for one per CPU");
    }

    @Test
    void envValuesStayExactlyAsWritten() {
        ParsedDescriptor d = parse("""
                script: main.py
                env:
                  PORT: 5001
                  COUNTRY: NO
                  MODE: 0755
                  VERSION: 1.10
                  EMPTY:
                  FLAG: true
                  QUOTED: "yes"
                """);
        assertThat(d.problems()).isEmpty();
        Map<String, String> env = d.apps().getFirst().env().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().value()));
        assertThat(env).containsExactlyInAnyOrderEntriesOf(Map.of("PORT", "5001", "COUNTRY", "NO", "MODE", "0755",
                "VERSION", "1.10", "EMPTY", "", "FLAG", "true", "QUOTED", "yes"));
    }

    @Test
    void argsAndNamesStayStringsAsTyped() {
        ParsedDescriptor d = parse("""
                name: "0750"
                script: uvicorn
                args: [app:app, --port, 5001, NO]
                """);
        assertThat(d.problems()).isEmpty();
        AppEntry app = d.apps().getFirst();
        assertThat(app.string(AppKey.NAME)).contains("0750");
        assertThat(app.strings(AppKey.ARGS)).containsExactly("app:app", "--port", "5001", "NO");
    }

    @Test
    void argsAsOneStringAreSplitLikeAShellWould() {
        AppEntry app = parse("script: x\nargs: run --name \"two words\" 'single'\n").apps().getFirst();
        assertThat(app.strings(AppKey.ARGS)).containsExactly("run", "--name", "two words", "single");
    }

    @Test
    void duplicateKeysAreAnError() {
        assertThat(messages(parse("script: a.py\nenv: {A: 1}\nscript: b.py\n"))).containsExactly(
                "services/py/a/ecosystem.yaml:3:1: error: duplicate key 'script' (first at line 1); remove one of them");
    }

    @Test
    void durationsAndMemoryTakeUnits() {
        AppEntry app = parse("""
                script: a.py
                restart_delay: 10000
                kill_timeout: 10s
                min_uptime: 1.5s
                exp_backoff_restart_delay: 100ms
                max_memory_restart: 300M
                """).apps().getFirst();
        assertThat(app.get(AppKey.RESTART_DELAY, Duration.class)).contains(Duration.ofSeconds(10));
        assertThat(app.get(AppKey.KILL_TIMEOUT, Duration.class)).contains(Duration.ofSeconds(10));
        assertThat(app.get(AppKey.MIN_UPTIME, Duration.class)).contains(Duration.ofMillis(1500));
        assertThat(app.get(AppKey.EXP_BACKOFF_RESTART_DELAY, Duration.class)).contains(Duration.ofMillis(100));
        assertThat(app.get(AppKey.MAX_MEMORY_RESTART, Long.class)).contains(300L * 1024 * 1024);
    }

    @Test
    void dependsOnIsValidatedAndNoLongerWarnedAboutSinceHealthLanded() {
        ParsedDescriptor d = parse("""
                script: a.py
                depends_on: {db: ready, migrate: finished}
                """);
        assertThat(messages(d)).containsExactly(
                "services/py/a/ecosystem.yaml:2:34: error: key 'depends_on.migrate' has an invalid value: expected "
                        + "started, ready or completed, got 'finished'");
    }

    @Test
    void probesNeedExactlyOneKind() {
        assertThat(messages(parse("script: a.py\nready: {http: http://x/health, tcp: 5001}\n"))).contains(
                "services/py/a/ecosystem.yaml:2:32: error: probe 'ready' has two kinds (http and tcp); keep one");
    }

    @Test
    void pm2OnlyKeysSayWhatToWriteInstead() {
        assertThat(messages(parse("script: a.js\nnode_args: --inspect\nexec_mode: cluster\n"))).containsExactly(
                "services/py/a/ecosystem.yaml:2:1: error: unknown key 'node_args'; PM2's node_args is interpreter_args "
                        + "here",
                "services/py/a/ecosystem.yaml:3:1: error: unknown key 'exec_mode'; every app runs as its own process "
                        + "(PM2's fork mode); remove it, and use instances: for several processes");
    }

    @Test
    void appKeysNextToAnAppsListAreMisplaced() {
        assertThat(messages(parse("apps:\n  - script: a.py\nrestart_delay: 10\n"))).containsExactly(
                "services/py/a/ecosystem.yaml:3:1: error: key 'restart_delay' is an app key, but this file lists its "
                        + "apps under 'apps:'; move it into each app, or into defaults: of orchestrator.yaml");
    }

    @Test
    void fileLevelEnvAndNamespaceApplyToTheList() {
        ParsedDescriptor d = parse("""
                namespace: duck
                env_file: .tokens
                env:
                  AGENT_NAME: Duck
                apps:
                  - name: duck_voice
                    service: ../../services/ts/voice
                  - name: duck_stt
                    script: main.py
                """);
        assertThat(d.problems()).isEmpty();
        assertThat(d.fileLevel().namespace().map(Located::value)).contains("duck");
        assertThat(d.fileLevel().envFiles()).extracting(Located::value).containsExactly(".tokens");
        assertThat(d.fileLevel().env()).containsKey("AGENT_NAME");
        assertThat(d.apps()).extracting(a -> a.string(AppKey.NAME).orElseThrow())
                .containsExactly("duck_voice", "duck_stt");
    }

    @Test
    void malformedYamlNamesTheLine() {
        List<String> messages = messages(parse("script: a.py\nenv:\n  A: 1\n B: 2\n"));
        assertThat(messages).hasSize(1);
        assertThat(messages.getFirst()).startsWith("services/py/a/ecosystem.yaml:4:2: error: malformed YAML: ");
    }

    @Test
    void anEmptyFileIsAnErrorThatSaysWhatToWrite() {
        assertThat(messages(parse("  \n"))).containsExactly("services/py/a/ecosystem.yaml:1:1: error: descriptor is "
                + "empty; add an app (script: ...) or a list under apps:, or delete the file");
    }

    @Test
    void theNameAllIsReservedAndNamesHaveACharacterSet() {
        assertThat(messages(parse("apps:\n  - name: all\n  - name: my app\n"))).containsExactly(
                "services/py/a/ecosystem.yaml:2:11: error: name 'all' is reserved: 'all' addresses every app on the "
                        + "command line; choose another name",
                "services/py/a/ecosystem.yaml:3:11: error: name 'my app' is invalid: use letters, digits, '_', '.' "
                        + "and '-', starting with a letter or digit; rename it");
    }

    @Test
    void jsonDescriptorsAreReadWithPositionsToo() {
        ParsedDescriptor d = reader.parse(ROOT.resolve("services/js/b/ecosystem.json"), """
                {
                  "name": "proxy",
                  "script": "index.js",
                  "instances": 2,
                  "autorestart": "maybe"
                }
                """);
        assertThat(messages(d)).containsExactly("services/js/b/ecosystem.json:5:18: error: key 'autorestart' has an "
                + "invalid value: expected true or false, got 'maybe'; write true or false");
        assertThat(d.apps().getFirst().get(AppKey.INSTANCES, Settings.Instances.class))
                .contains(Settings.Instances.of(2));
    }

    @Test
    void descriptorsParsedOnManyThreadsAtOnceReadAsTheyDoOneByOne() {
        List<String> texts = java.util.stream.IntStream.range(0, 400).mapToObj(i -> i % 3 == 0
                ? "name: app" + i + "\nscript: main.py\nenv:\n  N: \"" + i + "\"\n  FLAG: NO\n"
                : i % 3 == 1 ? "apps:\n  - name: a" + i + "\n    script: run.sh\n    instances: " + (i % 4 + 1) + "\n"
                : "name: b" + i + "\nscrpit: main.py\n  bad: [\n").toList();

        List<String> oneByOne = texts.stream().map(t -> describe(parse(t))).toList();
        List<String> atOnce = texts.parallelStream().map(t -> describe(parse(t))).toList();

        assertThat(atOnce).isEqualTo(oneByOne);
        assertThat(oneByOne.get(0)).contains("value=NO").doesNotContain("error");
        assertThat(oneByOne.get(2)).contains("malformed YAML");
    }

    private static String describe(ParsedDescriptor d) {
        return d.apps().stream().map(a -> a.values().toString()).toList() + " " + messages(d);
    }
}
