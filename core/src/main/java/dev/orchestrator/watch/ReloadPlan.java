package dev.orchestrator.watch;

import dev.orchestrator.descriptor.Problem;
import dev.orchestrator.plan.AppSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one reload does, sorted into categories (each list ordered by app name). Built by {@link ReloadDiff}, printed
 * with {@link #render(Path)} before it is applied, and folded into the next {@link AppliedState} by {@link #next}.
 *
 * @param added     new apps: start them
 * @param retried   apps that failed to plan before and plan fine now: start them
 * @param removed   apps gone from the project or now {@code disabled: true}: stop them
 * @param changed   apps whose spec differs beyond {@code instances}: restart them
 * @param scaled    apps whose only difference is {@code instances}: scale without touching the instances that stay
 * @param unchanged apps left alone (same PID)
 * @param kept      apps whose descriptor (or plan) now has an error: they keep running their last valid version
 * @param failed    apps that do not run and cannot be planned
 */
public record ReloadPlan(List<Start> added, List<Start> retried, List<Removal> removed, List<Change> changed,
                         List<Scale> scaled, List<String> unchanged, List<Kept> kept, List<Failure> failed) {

    /** Start an app; when the user stopped it ({@code stop X}), only record its spec. */
    public record Start(AppSpec spec, boolean stoppedByUser) {
    }

    /** Stop an app for good: it was removed, or disabled. */
    public record Removal(String name, boolean disabled) {
    }

    /** Restart an app with a new spec, for the reasons given ({@code env.PORT changed}). */
    public record Change(AppSpec before, AppSpec after, List<String> reasons, boolean stoppedByUser) {
        public Change {
            reasons = List.copyOf(reasons);
        }
    }

    /** Scale an app from {@code before.instances()} to {@code after.instances()}. */
    public record Scale(AppSpec before, AppSpec after, boolean stoppedByUser) {
    }

    /** An applied app whose new version has an error: it keeps running. {@code news}: not reported before. */
    public record Kept(String name, Problem problem, boolean news) {
    }

    /** An app that does not run and cannot be planned. {@code news}: not reported before (or another error now). */
    public record Failure(String name, Problem problem, boolean news) {
    }

    public ReloadPlan {
        added = List.copyOf(added);
        retried = List.copyOf(retried);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        scaled = List.copyOf(scaled);
        unchanged = List.copyOf(unchanged);
        kept = List.copyOf(kept);
        failed = List.copyOf(failed);
    }

    /** True when applying this plan touches a process or reports something new. */
    public boolean hasNews() {
        return !added.isEmpty() || !retried.isEmpty() || !removed.isEmpty() || !changed.isEmpty() || !scaled.isEmpty()
                || kept.stream().anyMatch(Kept::news) || failed.stream().anyMatch(Failure::news);
    }

    /**
     * The lines printed before the plan is applied, in the order it is applied: stops, restarts, scaling, starts, then
     * what is wrong. Kept and failed apps are printed only when their error is new. Paths are relative to {@code root}.
     */
    public List<String> render(Path root) {
        List<String> lines = new ArrayList<>();
        removed.forEach(r -> lines.add("- stopped " + r.name() + (r.disabled() ? " (disabled: true)" : "")));
        for (Change c : changed) {
            String why = String.join(", ", c.reasons());
            lines.add(c.stoppedByUser()
                    ? "~ updated " + c.after().name() + " (" + why + "; stopped by user, not started)"
                    : "~ restarting " + c.after().name() + " (" + why + ")");
        }
        for (Scale s : scaled) {
            String counts = s.before().instances() + " -> " + s.after().instances();
            lines.add(s.stoppedByUser()
                    ? "^ updated " + s.after().name() + " instances " + counts + " (stopped by user, not started)"
                    : "^ scaling " + s.after().name() + " " + counts);
        }
        added.forEach(a -> lines.add(start(a, "")));
        retried.forEach(a -> lines.add(start(a, " (it plans now)")));
        kept.stream().filter(Kept::news).forEach(k -> lines.add(
                "! keeping " + k.name() + " at its last valid version: " + k.problem().format(root)));
        failed.stream().filter(Failure::news).forEach(f -> lines.add(
                "! " + f.name() + " cannot start: " + f.problem().format(root)));
        return lines;
    }

    private static String start(Start s, String note) {
        return s.stoppedByUser() ? "+ added " + s.spec().name() + note + " (stopped by user, not started)"
                : "+ started " + s.spec().name() + note;
    }

    /** The state after this plan is applied: new specs recorded, removed apps forgotten, errors remembered. */
    public AppliedState next(AppliedState before) {
        Map<String, AppSpec> applied = new HashMap<>(before.applied());
        removed.forEach(r -> applied.remove(r.name()));
        added.forEach(a -> applied.put(a.spec().name(), a.spec()));
        retried.forEach(a -> applied.put(a.spec().name(), a.spec()));
        changed.forEach(c -> applied.put(c.after().name(), c.after()));
        scaled.forEach(s -> applied.put(s.after().name(), s.after()));
        Map<String, Problem> failures = new HashMap<>();
        kept.forEach(k -> failures.put(k.name(), k.problem()));
        failed.forEach(f -> failures.put(f.name(), f.problem()));
        return new AppliedState(applied, failures);
    }
}
