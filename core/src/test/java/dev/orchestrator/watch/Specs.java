package dev.orchestrator.watch;

import dev.orchestrator.descriptor.Problem;
import dev.orchestrator.descriptor.SourcePosition;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.LogSpec;
import dev.orchestrator.plan.PlannedApp;
import dev.orchestrator.plan.RestartSpec;
import dev.orchestrator.plan.RotateSpec;
import dev.orchestrator.plan.StopSpec;
import dev.orchestrator.plan.WatchSpec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Spec fixtures for the pure tests: no file system is touched, paths are just names. */
final class Specs {

    static final Path ROOT = Path.of("/project");

    private Specs() {
    }

    static Path descriptor(String name) {
        return ROOT.resolve("services/" + name + "/ecosystem.yaml");
    }

    static AppSpec spec(String name) {
        Path folder = ROOT.resolve("services/" + name);
        LogSpec logs = new LogSpec(ROOT.resolve("logs/" + name + "-out.log"), ROOT.resolve("logs/" + name + "-err.log"),
                false, Optional.empty(), RotateSpec.DEFAULT);
        return new AppSpec(name, "default", "shell", 1, List.of("/bin/sh", "run.sh"), folder,
                Map.of("PORT", "8000", "PATH", "/usr/bin"), descriptor(name), logs, RestartSpec.DEFAULT,
                StopSpec.DEFAULT, WatchSpec.OFF, Set.of());
    }

    static AppSpec withEnv(AppSpec s, String key, String value) {
        Map<String, String> env = new HashMap<>(s.env());
        if (value == null) {
            env.remove(key);
        } else {
            env.put(key, value);
        }
        return new AppSpec(s.name(), s.namespace(), s.runtime(), s.instances(), s.argv(), s.cwd(), env, s.source(),
                s.logs(), s.restart(), s.stop(), s.watch(), s.secretKeys());
    }

    static AppSpec withInstances(AppSpec s, int instances) {
        return new AppSpec(s.name(), s.namespace(), s.runtime(), instances, s.argv(), s.cwd(), s.env(), s.source(),
                s.logs(), s.restart(), s.stop(), s.watch(), s.secretKeys());
    }

    static AppSpec withArgv(AppSpec s, String... argv) {
        return new AppSpec(s.name(), s.namespace(), s.runtime(), s.instances(), List.of(argv), s.cwd(), s.env(),
                s.source(), s.logs(), s.restart(), s.stop(), s.watch(), s.secretKeys());
    }

    static AppSpec withCwd(AppSpec s, Path cwd) {
        return new AppSpec(s.name(), s.namespace(), s.runtime(), s.instances(), s.argv(), cwd, s.env(), s.source(),
                s.logs(), s.restart(), s.stop(), s.watch(), s.secretKeys());
    }

    static AppSpec withRuntime(AppSpec s, String runtime) {
        return new AppSpec(s.name(), s.namespace(), runtime, s.instances(), s.argv(), s.cwd(), s.env(), s.source(),
                s.logs(), s.restart(), s.stop(), s.watch(), s.secretKeys());
    }

    static AppSpec withStop(AppSpec s, StopSpec stop) {
        return new AppSpec(s.name(), s.namespace(), s.runtime(), s.instances(), s.argv(), s.cwd(), s.env(), s.source(),
                s.logs(), s.restart(), stop, s.watch(), s.secretKeys());
    }

    static AppSpec withWatch(AppSpec s, WatchSpec watch) {
        return new AppSpec(s.name(), s.namespace(), s.runtime(), s.instances(), s.argv(), s.cwd(), s.env(), s.source(),
                s.logs(), s.restart(), s.stop(), watch, s.secretKeys());
    }

    static AppSpec withSource(AppSpec s, Path source) {
        return new AppSpec(s.name(), s.namespace(), s.runtime(), s.instances(), s.argv(), s.cwd(), s.env(), source,
                s.logs(), s.restart(), s.stop(), s.watch(), s.secretKeys());
    }

    static PlannedApp ok(AppSpec spec) {
        return new PlannedApp(spec.name(), spec.namespace(), Optional.of(spec.runtime()), spec.source(), false,
                Optional.of(spec), Map.of(), List.of(), List.of(), Optional.empty());
    }

    static PlannedApp disabled(AppSpec spec) {
        return new PlannedApp(spec.name(), spec.namespace(), Optional.of(spec.runtime()), spec.source(), true,
                Optional.of(spec), Map.of(), List.of(), List.of(), Optional.empty());
    }

    static PlannedApp failed(String name, Problem problem) {
        return PlannedApp.failed(name, "default", Optional.empty(), problem.position().file(), problem);
    }

    static Problem error(Path file, int line, int column, String message) {
        return Problem.error(new SourcePosition(file, line, column), message);
    }
}
