package dev.orchestrator.watch;

import dev.orchestrator.descriptor.Problem;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.PlannedApp;
import dev.orchestrator.plan.ProjectPlan;
import java.util.Map;
import java.util.TreeMap;

/**
 * What hot reload last applied: the spec each app runs (or would run, when the user stopped it), and the apps that
 * currently cannot be planned with why. An app can be in both: its descriptor broke, so it keeps running its last valid
 * version ({@code kept}) while its error is remembered.
 *
 * @param applied by app name: the last valid spec
 * @param failed  by app name: the error that keeps it from (re)planning
 */
public record AppliedState(Map<String, AppSpec> applied, Map<String, Problem> failed) {

    public static final AppliedState EMPTY = new AppliedState(Map.of(), Map.of());

    public AppliedState {
        applied = java.util.Collections.unmodifiableMap(new TreeMap<>(applied));
        failed = java.util.Collections.unmodifiableMap(new TreeMap<>(failed));
    }

    /** The state right after {@code up} ran a plan: every runnable app applied, every failed app remembered. */
    public static AppliedState of(ProjectPlan plan) {
        Map<String, AppSpec> applied = new TreeMap<>();
        plan.runnable().forEach(spec -> applied.put(spec.name(), spec));
        Map<String, Problem> failed = new TreeMap<>();
        for (PlannedApp app : plan.apps()) {
            app.failure().ifPresent(problem -> failed.putIfAbsent(app.name(), problem));
        }
        return new AppliedState(applied, failed);
    }
}
