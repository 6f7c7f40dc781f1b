package dev.orchestrator.supervisor;

import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.LogSpec;
import dev.orchestrator.plan.RestartSpec;
import dev.orchestrator.plan.RotateSpec;
import dev.orchestrator.plan.StopSpec;
import dev.orchestrator.plan.WatchSpec;
import dev.orchestrator.testing.TestProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Test AppSpecs with the defaults a user would get, logs under {@code <dir>/logs}. */
record Specs(Path dir, TestProcesses procs) {

    AppSpec app(String name, List<String> argv) {
        return new AppSpec(name, "default", "shell", 1, argv, dir, procs.env(), dir.resolve("ecosystem.yaml"),
                logs(name, false), RestartSpec.DEFAULT, StopSpec.DEFAULT, WatchSpec.OFF, Set.of());
    }

    LogSpec logs(String name, boolean merge) {
        return new LogSpec(dir.resolve("logs/" + name + "-out.log"), dir.resolve("logs/" + name + "-err.log"), merge,
                Optional.empty(), RotateSpec.DEFAULT);
    }

    static AppSpec instances(AppSpec s, int n) {
        return new AppSpec(s.name(), s.namespace(), s.runtime(), n, s.argv(), s.cwd(), s.env(), s.source(), s.logs(),
                s.restart(), s.stop(), s.watch(), s.secretKeys());
    }

    static AppSpec restart(AppSpec s, RestartSpec restart) {
        return new AppSpec(s.name(), s.namespace(), s.runtime(), s.instances(), s.argv(), s.cwd(), s.env(), s.source(),
                s.logs(), restart, s.stop(), s.watch(), s.secretKeys());
    }

    static AppSpec stop(AppSpec s, String signal, Duration killTimeout) {
        return new AppSpec(s.name(), s.namespace(), s.runtime(), s.instances(), s.argv(), s.cwd(), s.env(), s.source(),
                s.logs(), s.restart(), new StopSpec(signal, killTimeout), s.watch(), s.secretKeys());
    }

    static AppSpec logs(AppSpec s, LogSpec logs) {
        return new AppSpec(s.name(), s.namespace(), s.runtime(), s.instances(), s.argv(), s.cwd(), s.env(), s.source(),
                logs, s.restart(), s.stop(), s.watch(), s.secretKeys());
    }

    static RestartSpec maxRestarts(int max, Duration minUptime) {
        return new RestartSpec(true, Duration.ZERO, Duration.ZERO, max, minUptime, Set.of());
    }
}
