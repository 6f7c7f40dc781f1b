package dev.orchestrator.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InterpolationTest {

    private static final Map<String, String> ENV = Map.of("HOME", "/home/duck", "EMPTY", "");

    private static String resolve(String text) throws Interpolation.UnsetVariableException {
        return Interpolation.resolve(text, name -> Optional.ofNullable(ENV.get(name)));
    }

    @Test
    void replacesVariablesAndDefaults() throws Exception {
        assertThat(resolve("${HOME}/data")).isEqualTo("/home/duck/data");
        assertThat(resolve("${PORT:-5001}")).isEqualTo("5001");
        assertThat(resolve("${EMPTY:-fallback}")).isEqualTo("fallback");
        assertThat(resolve("${EMPTY}")).isEmpty();
    }

    @Test
    void doubleDollarIsALiteralDollarAndPlainTextIsUntouched() throws Exception {
        assertThat(resolve("cost $$5 ${HOME}")).isEqualTo("cost $5 /home/duck");
        assertThat(resolve("$HOME stays")).isEqualTo("$HOME stays");
    }

    @Test
    void anUnsetVariableWithoutDefaultNamesTheVariableAndTheRemedy() {
        assertThatThrownBy(() -> resolve("--token=${DISCORD_TOKEN}"))
                .isInstanceOf(Interpolation.UnsetVariableException.class)
                .hasMessage("variable 'DISCORD_TOKEN' is not set (in '--token=${DISCORD_TOKEN}'); set it in env:, an "
                        + "env_file or the orchestrator's environment, or write ${DISCORD_TOKEN:-default}");
    }
}
