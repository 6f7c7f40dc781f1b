package dev.orchestrator.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.orchestrator.spi.LaunchPlan;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A plan's notes, warnings and env collected before its argv is known. */
class DraftTest {

    @Test
    void buildKeepsTheArgvAndEverythingCollectedInOrder() {
        LaunchPlan plan = new Draft().note("first").warning("careful").env("A", "1").note("second").env("B", "2")
                .build(List.of("/usr/bin/python3", "main.py"));

        assertThat(plan.argv()).containsExactly("/usr/bin/python3", "main.py");
        assertThat(plan.notes()).containsExactly("first", "second");
        assertThat(plan.warnings()).containsExactly("careful");
        assertThat(plan.envDefaults()).containsExactly(entry("A", "1"), entry("B", "2"));
    }

    @Test
    void aLaterEnvValueReplacesTheEarlierOne() {
        LaunchPlan plan = new Draft().env("PYTHONUNBUFFERED", "0").env("PYTHONUNBUFFERED", "1").build(List.of("x"));

        assertThat(plan.envDefaults()).containsExactly(entry("PYTHONUNBUFFERED", "1"));
    }

    @Test
    void anEmptyDraftBuildsAPlanWithOnlyTheArgv() {
        LaunchPlan plan = new Draft().build(List.of("/bin/sh", "run.sh"));

        assertThat(plan.notes()).isEmpty();
        assertThat(plan.warnings()).isEmpty();
        assertThat(plan.envDefaults()).isEmpty();
    }
}
