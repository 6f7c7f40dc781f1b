package dev.orchestrator.instance;

import dev.orchestrator.health.DependencyGate;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.supervisor.Supervisor;
import dev.orchestrator.watch.AppControl;
import java.util.concurrent.CompletableFuture;

/** Hot reload's requests, carried out by the supervisor. */
final class SupervisorAppControl implements AppControl {

    private final Supervisor supervisor;
    private final DependencyGate dependencies;

    SupervisorAppControl(Supervisor supervisor, DependencyGate dependencies) {
        this.supervisor = supervisor;
        this.dependencies = dependencies;
    }

    /** An added app waits for its depends_on like any other. */
    @Override
    public void start(AppSpec spec) {
        supervisor.start(spec, dependencies.gate(spec));
    }

    @Override
    public CompletableFuture<Void> stop(String name) {
        return supervisor.remove(name);
    }

    @Override
    public CompletableFuture<Void> restart(AppSpec newSpec) {
        return supervisor.restart(newSpec);
    }

    @Override
    public void scale(AppSpec newSpec, int from, int to) {
        supervisor.scale(newSpec);
    }

    @Override
    public void markFailed(String name, String reason) {
        supervisor.markFailed(name, reason);
    }

    @Override
    public void updateStopped(AppSpec newSpec) {
        supervisor.updateStopped(newSpec);
    }
}
