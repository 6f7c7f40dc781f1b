package dev.orchestrator.watch;

import dev.orchestrator.plan.AppSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link AppControl} that records every call as a line and remembers the last spec given per app. */
final class RecordingControl implements AppControl {

    final List<String> calls = new CopyOnWriteArrayList<>();
    final Map<String, AppSpec> specs = new ConcurrentHashMap<>();
    /** When set, restarts return this future instead of a completed one. */
    volatile CompletableFuture<Void> restartResult;

    @Override
    public void start(AppSpec spec) {
        specs.put(spec.name(), spec);
        calls.add("start " + spec.name());
    }

    @Override
    public CompletableFuture<Void> stop(String name) {
        specs.remove(name);
        calls.add("stop " + name);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> restart(AppSpec newSpec) {
        specs.put(newSpec.name(), newSpec);
        calls.add("restart " + newSpec.name());
        CompletableFuture<Void> result = restartResult;
        return result == null ? CompletableFuture.completedFuture(null) : result;
    }

    @Override
    public void scale(AppSpec newSpec, int from, int to) {
        specs.put(newSpec.name(), newSpec);
        calls.add("scale " + newSpec.name() + " " + from + " -> " + to);
    }

    @Override
    public void markFailed(String name, String reason) {
        calls.add("failed " + name + ": " + reason);
    }

    @Override
    public void updateStopped(AppSpec newSpec) {
        specs.put(newSpec.name(), newSpec);
        calls.add("update " + newSpec.name());
    }
}
