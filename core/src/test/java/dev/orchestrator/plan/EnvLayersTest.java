package dev.orchestrator.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrator.descriptor.Located;
import dev.orchestrator.descriptor.SourcePosition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvLayersTest {

    @TempDir
    Path dir;

    private static EnvSource.Inline inline(String... pairs) {
        Map<String, Located<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], new Located<>(pairs[i + 1], new SourcePosition(Path.of("/r/e.yaml"), i + 1, 3)));
        }
        return new EnvSource.Inline(values);
    }

    @Test
    void higherLayersWinAndIdentityAlwaysWins() throws Exception {
        Path envFile = Files.writeString(dir.resolve("app.env"), "PORT=7000\nDB_PASSWORD=hunter2\n");
        EnvLayers layers = new EnvLayers(Map.of("PATH", "/bin", "PORT", "1"),
                List.of(new EnvSource.Fixed(Map.of("HEARTBEAT_PORT", "5005"))),
                List.of(inline("PORT", "2", "LEVEL", "file"), new EnvSource.File(envFile, SourcePosition.startOf(envFile)),
                        inline("LEVEL", "app", "PM2_PROCESS_NAME", "spoofed")),
                Map.of("PM2_PROCESS_NAME", "api", "ORCHESTRATOR_APP", "api"), Path.of("/repo"));
        ResolvedEnv env = layers.compute(Map.of("PYTHONUNBUFFERED", "1", "PORT", "0"));
        assertThat(env.full()).containsEntry("PORT", "7000").containsEntry("LEVEL", "app")
                .containsEntry("PM2_PROCESS_NAME", "api").containsEntry("PYTHONUNBUFFERED", "1")
                .containsEntry("PATH", "/bin").containsEntry("PYTHONPATH", "/repo");
        assertThat(env.own()).doesNotContainKey("PATH");
        assertThat(env.secretKeys()).contains("PORT", "DB_PASSWORD");
    }

    @Test
    void valuesInterpolateAgainstLowerLayersOnly() throws Exception {
        EnvLayers layers = new EnvLayers(Map.of("HOME", "/home/duck"), List.of(),
                List.of(inline("DATA", "${HOME}/data"), inline("CACHE", "${DATA}/cache", "DATA", "/override")),
                Map.of(), Path.of("/repo"));
        ResolvedEnv env = layers.compute(Map.of());
        assertThat(env.full()).containsEntry("DATA", "/override").containsEntry("CACHE", "/home/duck/data/cache");
    }

    @Test
    void thePythonpathLayersKeepWhatTheyHadAfterTheRoot() throws Exception {
        EnvLayers layers = new EnvLayers(Map.of("PYTHONPATH", "/opt/lib"), List.of(), List.of(), Map.of(),
                Path.of("/repo"));
        assertThat(layers.compute(Map.of()).full()).containsEntry("PYTHONPATH", "/repo:/opt/lib");
    }

    @Test
    void aMissingEnvFileFailsWithItsPathAndRemedy() {
        Path missing = dir.resolve(".tokens");
        EnvLayers layers = new EnvLayers(Map.of(), List.of(),
                List.of(new EnvSource.File(missing, new SourcePosition(Path.of("/r/e.yaml"), 2, 11))), Map.of(),
                Path.of("/repo"));
        assertThatThrownBy(() -> layers.compute(Map.of())).isInstanceOf(PlanFailure.class)
                .hasMessage("env_file '" + missing + "' not found; create it, or remove env_file");
    }

    @Test
    void secretLookingNamesAreMaskedByWordNotBySubstring() {
        assertThat(EnvLayers.looksSecret("DISCORD_TOKEN")).isTrue();
        assertThat(EnvLayers.looksSecret("API_KEY")).isTrue();
        assertThat(EnvLayers.looksSecret("MONKEY_COUNT")).isFalse();
        assertThat(EnvLayers.looksSecret("KEYBOARD")).isFalse();
    }

    @Test
    void secretWordsAreWholeWordsInAnyCaseWithOrWithoutThePluralOfCredential() {
        assertThat(EnvLayers.looksSecret("db_credentials")).isTrue();
        assertThat(EnvLayers.looksSecret("GCP_CREDENTIAL_FILE")).isTrue();
        assertThat(EnvLayers.looksSecret("Auth")).isTrue();
        assertThat(EnvLayers.looksSecret("_PRIVATE_")).isTrue();
        assertThat(EnvLayers.looksSecret("KEY_")).isTrue();
        assertThat(EnvLayers.looksSecret("AUTHOR")).isFalse();
        assertThat(EnvLayers.looksSecret("CREDENTIALSS")).isFalse();
        assertThat(EnvLayers.looksSecret("__")).isFalse();
        assertThat(EnvLayers.looksSecret("")).isFalse();
    }

    @Test
    void theFullEnvIsTheInheritedOneUnderTheLayersAndCannotBeChanged() throws Exception {
        Map<String, String> inherited = new LinkedHashMap<>();
        inherited.put("HOME", "/home/duck");
        inherited.put("PORT", "1");
        EnvLayers layers = new EnvLayers(inherited, List.of(), List.of(inline("PORT", "${PORT}0", "USER_HOME", "${HOME}")),
                Map.of(), Path.of("/repo"));

        ResolvedEnv env = layers.compute(Map.of("PORT", "2"));

        assertThat(env.full()).containsOnly(Map.entry("HOME", "/home/duck"), Map.entry("PORT", "20"),
                Map.entry("USER_HOME", "/home/duck"), Map.entry("PYTHONPATH", "/repo"));
        assertThat(env.own()).containsExactly(Map.entry("PORT", "20"), Map.entry("USER_HOME", "/home/duck"),
                Map.entry("PYTHONPATH", "/repo"));
        assertThatThrownBy(() -> env.full().put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(inherited).containsOnlyKeys("HOME", "PORT");
    }
}
