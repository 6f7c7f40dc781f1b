package dev.orchestrator.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RootConfigReaderTest {

    private static final Path ROOT = Path.of("/repo");

    private RootConfig parse(String yaml) {
        return new RootConfigReader().parse(ROOT, ROOT.resolve("orchestrator.yaml"), yaml);
    }

    @Test
    void readsEverySetting() {
        RootConfig config = parse("""
                roots: [services, agents, tools]
                logs: var/logs
                defaults:
                  restart_delay: 10000
                  kill_timeout: 10s
                heartbeat: {port: 5105, check_interval: 1m, timeout: 2m}
                ignore: [experiments/]
                detect: false
                inherit_env: [PATH, HOME]
                log_rotate: {max_size: 20M, retain: 3, compress: true}
                """);
        assertThat(config.problems()).isEmpty();
        assertThat(config.roots()).containsExactly("services", "agents", "tools");
        assertThat(config.logs()).isEqualTo("var/logs");
        assertThat(config.defaults().get(AppKey.RESTART_DELAY, Duration.class)).contains(Duration.ofSeconds(10));
        assertThat(config.heartbeat()).isEqualTo(new RootConfig.Heartbeat(5105, Duration.ofMinutes(1),
                Duration.ofMinutes(2)));
        assertThat(config.detect()).isFalse();
        assertThat(config.inheritEnv().inherits("PATH")).isTrue();
        assertThat(config.inheritEnv().inherits("SECRET")).isFalse();
        assertThat(config.logRotate().maxSize()).contains(20L * 1024 * 1024);
    }

    @Test
    void unknownSettingsAndAppIdentityInDefaultsAreErrors() {
        RootConfig config = parse("""
                root: [services]
                defaults:
                  name: x
                  restart_delya: 5
                """);
        assertThat(config.problems()).extracting(p -> p.format(ROOT)).containsExactly(
                "orchestrator.yaml:1:1: error: unknown key 'root' in orchestrator.yaml; did you mean 'roots'?",
                "orchestrator.yaml:3:3: error: key 'name' cannot be a default: it identifies one app; set it in that "
                        + "app's descriptor",
                "orchestrator.yaml:4:3: error: unknown key 'restart_delya' in defaults; did you mean 'restart_delay'?");
    }

    @Test
    void withoutTheFileEverythingHasItsDefault() {
        RootConfig config = RootConfig.defaults(ROOT);
        assertThat(config.roots()).containsExactly("services", "agents");
        assertThat(config.logs()).isEqualTo("logs");
        assertThat(config.heartbeat().port()).isEqualTo(5005);
        assertThat(config.heartbeat().checkInterval()).isEqualTo(Duration.ofMillis(300000));
        assertThat(config.heartbeat().timeout()).isEqualTo(Duration.ofMillis(600000));
    }
}
