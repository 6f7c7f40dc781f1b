package dev.orchestrator.watch;

import dev.orchestrator.plan.AppSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Applies a {@link ReloadPlan} through {@link AppControl}, in the order it was printed: stop removed apps and wait
 * for them (a renamed app must free its port before its successor starts), restart changed apps, scale, start new
 * ones, mark failures; then wait for the restarts, so the next reload sees a settled supervisor. A call that throws
 * or a future that fails is reported and the rest goes on.
 */
final class Applier {

    /** How long a reload waits for stops and restarts before going on without them. */
    static final long WAIT_SECONDS = 60;

    private final AppControl control;
    private final Consumer<String> reporter;
    private final Path root;

    Applier(AppControl control, Consumer<String> reporter, Path root) {
        this.control = control;
        this.reporter = reporter;
        this.root = root;
    }

    void apply(ReloadPlan plan, SourceWatches sources) {
        List<Pending> stops = new ArrayList<>();
        for (ReloadPlan.Removal r : plan.removed()) {
            sources.unwatch(r.name());
            stops.add(call("stopping", r.name(), () -> control.stop(r.name())));
        }
        awaitAll(stops);
        List<Pending> restarts = new ArrayList<>();
        for (ReloadPlan.Change c : plan.changed()) {
            sources.watch(c.after()); // a new descriptor version also resumes a paused watch
            if (c.stoppedByUser()) {
                run("updating", c.after().name(), () -> control.updateStopped(c.after()));
            } else {
                restarts.add(call("restarting", c.after().name(), () -> control.restart(c.after())));
            }
        }
        for (ReloadPlan.Scale s : plan.scaled()) {
            sources.watch(s.after());
            run(s.stoppedByUser() ? "updating" : "scaling", s.after().name(), () -> {
                if (s.stoppedByUser()) {
                    control.updateStopped(s.after());
                } else {
                    control.scale(s.after(), s.before().instances(), s.after().instances());
                }
            });
        }
        List<ReloadPlan.Start> starts = new ArrayList<>(plan.added());
        starts.addAll(plan.retried());
        for (ReloadPlan.Start s : starts) {
            sources.watch(s.spec());
            run(s.stoppedByUser() ? "updating" : "starting", s.spec().name(),
                    () -> {
                        if (s.stoppedByUser()) {
                            control.updateStopped(s.spec());
                        } else {
                            control.start(s.spec());
                        }
                    });
        }
        plan.failed().stream().filter(ReloadPlan.Failure::news).forEach(f ->
                run("marking failed", f.name(), () -> control.markFailed(f.name(), f.problem().format(root))));
        awaitAll(restarts);
    }

    /** A source-watch restart: not awaited (the watch thread must not block), failures reported when they come. */
    void restart(AppSpec spec) {
        Pending p = call("restarting", spec.name(), () -> control.restart(spec));
        p.future().whenComplete((ok, e) -> {
            if (e != null) {
                reporter.accept("! restarting " + spec.name() + " failed: " + describe(e));
            }
        });
    }

    private record Pending(String verb, String name, CompletableFuture<Void> future) {
    }

    private Pending call(String verb, String name, Supplier<CompletableFuture<Void>> action) {
        try {
            CompletableFuture<Void> f = action.get();
            return new Pending(verb, name, f == null ? CompletableFuture.completedFuture(null) : f);
        } catch (RuntimeException e) {
            return new Pending(verb, name, CompletableFuture.failedFuture(e));
        }
    }

    private void run(String verb, String name, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            reporter.accept("! " + verb + " " + name + " failed: " + describe(e));
        }
    }

    private void awaitAll(List<Pending> pending) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        for (Pending p : pending) {
            try {
                p.future().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                reporter.accept("! " + p.verb() + " " + p.name() + " failed: " + describe(e.getCause()));
            } catch (TimeoutException e) {
                reporter.accept("! " + p.verb() + " " + p.name() + " did not finish within " + WAIT_SECONDS
                        + " s; the reload goes on without it");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String describe(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e;
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
