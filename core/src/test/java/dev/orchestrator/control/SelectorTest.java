package dev.orchestrator.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrator.control.Selector.ProcessRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectorTest {

    private static final List<ProcessRef> PROCESSES = List.of(
            new ProcessRef("api", 0, "default"), new ProcessRef("api", 1, "default"),
            new ProcessRef("web", 0, "default"), new ProcessRef("duck_stt", 0, "duck"),
            new ProcessRef("duck_tts", 0, "duck"));

    private static List<String> pick(String selector) {
        Selector.Resolution r = Selector.resolve(selector, PROCESSES);
        assertThat(r.problem()).isEmpty();
        return r.addresses();
    }

    @Test
    void anAppNameSelectsEveryInstance() {
        assertThat(pick("api")).containsExactly("api:0", "api:1");
    }

    @Test
    void nameColonInstanceSelectsOneInstance() {
        assertThat(pick("api:1")).containsExactly("api:1");
    }

    @Test
    void aNamespaceSelectsEveryAppInIt() {
        assertThat(pick("duck")).containsExactly("duck_stt:0", "duck_tts:0");
        assertThat(pick("default")).containsExactly("api:0", "api:1", "web:0");
    }

    @Test
    void allSelectsEveryProcessEvenWhenThereAreNone() {
        assertThat(pick("all")).hasSize(5);
        assertThat(Selector.resolve("all", List.of()).ok()).isTrue();
    }

    @Test
    void parsingGivesTheKindOfSelector() {
        assertThat(Selector.parse("all")).isEqualTo(new Selector.All());
        assertThat(Selector.parse("api")).isEqualTo(new Selector.Named("api"));
        assertThat(Selector.parse("my.app-2:3")).isEqualTo(new Selector.Instance("my.app-2", 3));
    }

    @Test
    void anUnknownNameListsTheAppsAndNamespacesThatExist() {
        Selector.Resolution r = Selector.resolve("apx", PROCESSES);
        assertThat(r.ok()).isFalse();
        assertThat(r.processes()).isEmpty();
        assertThat(r.problem()).contains("app or namespace 'apx' not found: apps are api, web, duck_stt, duck_tts; "
                + "namespaces are default, duck; run 'orchestrator ls' to see every process");
    }

    @Test
    void anUnknownInstanceOfAKnownAppListsItsInstances() {
        assertThat(Selector.resolve("api:2", PROCESSES).problem()).contains(
                "instance 'api:2' not found: app api has api:0, api:1; instances are numbered from 0");
    }

    @Test
    void anInstanceOfAnUnknownAppNamesTheApp() {
        assertThat(Selector.resolve("nope:0", PROCESSES).problem()).contains("app 'nope' not found: apps are api, "
                + "web, duck_stt, duck_tts; namespaces are default, duck; run 'orchestrator ls' to see every process");
    }

    @Test
    void aNameWhenNothingRunsSaysSo() {
        assertThat(Selector.resolve("api", List.of()).problem()).contains(
                "app or namespace 'api' not found: the orchestrator runs no apps; check 'orchestrator config'");
    }

    @Test
    void malformedSelectorsAreRejectedWithTheForms() {
        for (String bad : List.of("", "api:", "api:x", ":1", "-api", "a b", "api:1:2", "api:99999999")) {
            assertThatThrownBy(() -> Selector.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("selector '" + bad + "' is not valid: write an app name (api), one instance (api:1), "
                            + "a namespace, or all");
        }
        assertThat(Selector.resolve("api:x", PROCESSES).problem()).contains("selector 'api:x' is not valid: write an "
                + "app name (api), one instance (api:1), a namespace, or all");
    }
}
