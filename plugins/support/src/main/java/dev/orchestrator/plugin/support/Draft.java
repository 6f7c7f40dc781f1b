package dev.orchestrator.plugin.support;

import dev.orchestrator.spi.LaunchPlan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notes, warnings and env defaults of a plan being decided. {@link LaunchPlan#builder} wants the argv first, but
 * the argv is known last, so decisions are collected here. One instance per {@code plan()} call; never shared, not
 * thread-safe.
 *
 * <p>Stability: internal to the built-in plugins; third-party plugins may use it but it is not the SPI. Since 0.1.0.
 */
public final class Draft {

    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /** An empty draft: no env defaults, notes or warnings. */
    public Draft() {
    }

    /** An env default of the plan; a later value for the same key replaces the earlier one. */
    public Draft env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** A note for {@code config --explain}, in the order decisions were made. */
    public Draft note(String note) {
        notes.add(note);
        return this;
    }

    /** A warning shown to the user, in the order decisions were made. */
    public Draft warning(String warning) {
        warnings.add(warning);
        return this;
    }

    /** The finished plan: {@code argv} with everything collected so far. */
    public LaunchPlan build(List<String> argv) {
        LaunchPlan.Builder plan = LaunchPlan.builder(argv);
        env.forEach(plan::env);
        notes.forEach(plan::note);
        warnings.forEach(plan::warning);
        return plan.build();
    }
}
