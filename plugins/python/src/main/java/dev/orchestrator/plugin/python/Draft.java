package dev.orchestrator.plugin.python;

import dev.orchestrator.spi.LaunchPlan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notes, warnings and env defaults of a plan being decided. {@link LaunchPlan#builder} wants the argv first, but
 * the argv is known last, so decisions are collected here. One instance per {@code plan()} call; never shared.
 */
final class Draft {

    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    Draft env(String key, String value) {
        env.put(key, value);
        return this;
    }

    Draft note(String note) {
        notes.add(note);
        return this;
    }

    Draft warning(String warning) {
        warnings.add(warning);
        return this;
    }

    LaunchPlan build(List<String> argv) {
        LaunchPlan.Builder plan = LaunchPlan.builder(argv);
        env.forEach(plan::env);
        notes.forEach(plan::note);
        warnings.forEach(plan::warning);
        return plan.build();
    }
}
