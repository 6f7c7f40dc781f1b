package dev.orchestrator.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.descriptor.AppKey;
import dev.orchestrator.descriptor.DotEnv;
import dev.orchestrator.descriptor.Located;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Strings survive YAML and dotenv exactly; day.js formats convert or are refused. */
class ValueTextTest {

    @TempDir
    Path temp;

    static final List<String> NASTY = List.of("NO", "no", "Yes", "off", "ON", "y", "n", "true", "False", "null",
            "Null", "~", "", " ", "0755", "1.10", "1e3", "0x1F", ".5", "-1", "+1", "12:30", "1_000", "- item",
            "key: value", "a #comment", "#x", "@at", "`tick", "*star", "&amp", "!tag", "%pct", "|pipe", ">fold",
            "{brace}", "[bracket]", "'single'", "\"double\"", "multi\nline", "trailing ", " leading", "tab\there",
            "back\\slash", "unicode é ✓", "${NOT_INTERPOLATED}", "$$", "?", "-", ":", ",comma", "=", "<<");

    @Test
    void everyStringComesBackFromTheWrittenYamlExactly() {
        Path file = temp.resolve("ecosystem.yaml");
        List<Finding> findings = new java.util.ArrayList<>();
        TranslatedApp app = TranslatedApp.named("nasty");
        List<String> args = new java.util.ArrayList<>();
        for (int i = 0; i < NASTY.size(); i++) {
            app.env().put("V" + i, TextValues.literal(NASTY.get(i)));
            args.add(TextValues.literal(NASTY.get(i)));
        }
        app.keys().put(AppKey.SCRIPT, "./run.sh");
        app.keys().put(AppKey.ARGS, args);
        // ReadBack throws when any value changes on the way through YAML
        assertThat(ReadBack.verify(file, YamlEmitter.write(Map.of("name", "nasty", "script", "./run.sh", "args",
                args, "env", app.env())), List.of(app), Map.of(), file, findings)).isTrue();
        assertThat(findings).isEmpty();
    }

    @Test
    void secretsComeBackFromTheEnvFileExactly() throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        for (int i = 0; i < NASTY.size(); i++) {
            secrets.put("S" + i, NASTY.get(i));
        }
        Path file = Files.writeString(temp.resolve(".env.orchestrator"), EnvFileText.secrets(temp.resolve("x.js"),
                secrets));
        DotEnv.Contents read = DotEnv.read(file);
        assertThat(read.problems()).isEmpty();
        Map<String, String> back = new LinkedHashMap<>();
        for (Map.Entry<String, Located<String>> e : read.values().entrySet()) {
            String value = e.getValue().value();
            // double-quoted values are interpolated at load, where $$ becomes $
            back.put(e.getKey(), read.literal().contains(e.getKey()) ? value : value.replace("$$", "$"));
        }
        assertThat(back).isEqualTo(secrets);
    }

    @ParameterizedTest
    @ValueSource(strings = {"YYYY-MM-DD HH:mm:ss", "YYYY-MM-DDTHH:mm:ss", "DD/MM/YY hh:mm A", "HH:mm:ss.SSS Z",
            "[at] HH:mm"})
    void dayJsFormatsBecomeJavaTimePatterns(String dayjs) {
        assertThat(DayJsFormat.toJavaTime(dayjs)).isPresent();
    }

    @Test
    void dayJsConversionsAreExact() {
        assertThat(DayJsFormat.toJavaTime("YYYY-MM-DD HH:mm Z")).hasValue("yyyy-MM-dd HH:mm xxx");
        assertThat(DayJsFormat.toJavaTime("YYYY-MM-DDTHH:mm:ss")).hasValue("yyyy-MM-dd'T'HH:mm:ss");
        assertThat(DayJsFormat.toJavaTime("[day] D, h A")).hasValue("'day' d, h a");
        assertThat(DayJsFormat.toJavaTime("X")).isEqualTo(Optional.empty());
        assertThat(DayJsFormat.toJavaTime("Qo [unclosed")).isEqualTo(Optional.empty());
    }

    @Test
    void aPm2YamlFileIsReadWithYaml12Scalars() throws Exception {
        Path file = Files.writeString(temp.resolve("process.yml"), """
                apps:
                  - name: api
                    script: server.js
                    instances: 2
                    env:
                      COUNTRY: NO
                      MODE: 0755
                      RATIO: 1.50
                      ON: true
                """);
        EvaluatedFile read = Pm2Yaml.read(file);
        assertThat(read.error()).isEmpty();
        Pm2App app = read.apps().getFirst();
        assertThat(app.config()).containsEntry("instances", 2);
        assertThat(app.config().get("env")).isEqualTo(Map.of("COUNTRY", "NO", "MODE", "755", "RATIO", "1.5",
                "ON", "true"));
    }
}
