package dev.orchestrator.watch;

import dev.orchestrator.descriptor.Problem;
import dev.orchestrator.descriptor.RootConfig;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.PlannedApp;
import dev.orchestrator.plan.ProjectPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sorts a freshly loaded project against what is applied: pure, no file system, no processes.
 *
 * <p>Scope of a failure (CONTRACTS): a descriptor with an error contributes no apps, but its applied apps are
 * <em>kept</em>, not stopped: found either as failed apps of that file, or as applied apps whose source file (or
 * drop-in folder) has an error and that vanished from the plan (a half-written or empty file names no apps). An applied
 * app whose own plan fails (missing env_file, unset variable) is kept the same way. An error in {@code orchestrator.yaml}
 * holds the whole reload: every applied app is kept, nothing starts.
 */
public final class ReloadDiff {

    private ReloadDiff() {
    }

    public static ReloadPlan diff(AppliedState state, Set<String> stoppedByUser, ProjectPlan fresh) {
        return diff(state, stoppedByUser, fresh.root(), fresh.apps(), fresh.problems());
    }

    /**
     * @param root     the project root; {@code orchestrator.yaml} errors are looked up there
     * @param apps     every planned app of the fresh load, ok or failed
     * @param problems every problem of the fresh load
     */
    public static ReloadPlan diff(AppliedState state, Set<String> stoppedByUser, Path root, List<PlannedApp> apps,
                                  List<Problem> problems) {
        List<Problem> errors = problems.stream().filter(Problem::isError).toList();
        Optional<Problem> rootError = errors.stream()
                .filter(p -> p.position().file().equals(root.resolve(RootConfig.FILE_NAME))).findFirst();
        if (rootError.isPresent()) {
            return holdEverything(state, rootError.get());
        }
        Map<String, PlannedApp> byName = new LinkedHashMap<>();
        apps.forEach(a -> byName.merge(a.name(), a, (first, second) -> first.ok() ? second : first));
        Builder out = new Builder(state, stoppedByUser);
        Set<String> names = new TreeSet<>(state.applied().keySet());
        names.addAll(byName.keySet());
        for (String name : names) {
            AppSpec before = state.applied().get(name);
            PlannedApp now = byName.get(name);
            if (now == null) {
                vanished(out, name, before, errors);
            } else if (!now.ok()) {
                out.failing(name, before, now.failure().orElseThrow());
            } else if (now.disabled()) {
                if (before != null) {
                    out.removed.add(new ReloadPlan.Removal(name, true));
                }
            } else {
                out.planned(name, before, now.spec().orElseThrow());
            }
        }
        return out.build();
    }

    /** Applied and no longer in the plan: removed, unless its file has an error (then it may just be half-written). */
    private static void vanished(Builder out, String name, AppSpec before, List<Problem> errors) {
        if (before == null) {
            return; // failed before and gone now: nothing runs, nothing to say
        }
        Optional<Problem> fileError = errors.stream().filter(p -> concerns(p, before.source())).findFirst();
        if (fileError.isPresent()) {
            out.failing(name, before, fileError.get());
        } else {
            out.removed.add(new ReloadPlan.Removal(name, false));
        }
    }

    /** A problem in the source file itself, or (for a drop-in folder) in a file directly inside it. */
    private static boolean concerns(Problem p, Path source) {
        Path file = p.position().file();
        return file.equals(source) || source.equals(file.getParent());
    }

    private static ReloadPlan holdEverything(AppliedState state, Problem rootError) {
        Builder out = new Builder(state, Set.of());
        state.applied().keySet().forEach(name -> out.failing(name, state.applied().get(name), rootError));
        state.failed().forEach((name, problem) -> {
            if (!state.applied().containsKey(name)) {
                out.failed.add(new ReloadPlan.Failure(name, problem, false));
            }
        });
        return out.build();
    }

    private static final class Builder {
        final AppliedState state;
        final Set<String> stoppedByUser;
        final List<ReloadPlan.Start> added = new ArrayList<>();
        final List<ReloadPlan.Start> retried = new ArrayList<>();
        final List<ReloadPlan.Removal> removed = new ArrayList<>();
        final List<ReloadPlan.Change> changed = new ArrayList<>();
        final List<ReloadPlan.Scale> scaled = new ArrayList<>();
        final List<String> unchanged = new ArrayList<>();
        final List<ReloadPlan.Kept> kept = new ArrayList<>();
        final List<ReloadPlan.Failure> failed = new ArrayList<>();

        Builder(AppliedState state, Set<String> stoppedByUser) {
            this.state = state;
            this.stoppedByUser = stoppedByUser;
        }

        void failing(String name, AppSpec before, Problem problem) {
            boolean news = !problem.equals(state.failed().get(name));
            if (before != null) {
                kept.add(new ReloadPlan.Kept(name, problem, news));
            } else {
                failed.add(new ReloadPlan.Failure(name, problem, news));
            }
        }

        void planned(String name, AppSpec before, AppSpec after) {
            boolean stopped = stoppedByUser.contains(name);
            if (before == null) {
                (state.failed().containsKey(name) ? retried : added).add(new ReloadPlan.Start(after, stopped));
            } else if (before.equals(after)) {
                unchanged.add(name);
            } else if (SpecComparison.onlyInstancesDiffer(before, after)) {
                scaled.add(new ReloadPlan.Scale(before, after, stopped));
            } else {
                changed.add(new ReloadPlan.Change(before, after, SpecComparison.reasons(before, after), stopped));
            }
        }

        ReloadPlan build() {
            return new ReloadPlan(added, retried, removed, changed, scaled, unchanged, kept, failed);
        }
    }
}
