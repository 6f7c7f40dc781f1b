package dev.orchestrator.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One app, fully resolved: what the supervisor runs. Built fresh from the files at every (re)load, so an edited env
 * always takes effect at the next start. Equality of two specs decides "unchanged" on hot reload.
 *
 * @param name       unique app name
 * @param namespace  the namespace (an agent's name, or {@code default})
 * @param runtime    the runtime plugin id that planned it
 * @param instances  how many processes, 1 or more; instance {@code i} is addressed {@code name:i}
 * @param argv       the program and its arguments, exec'd directly (no shell)
 * @param cwd        absolute working directory
 * @param env        the complete environment for every instance, except the per-instance {@code NODE_APP_INSTANCE}
 *                   and {@code ORCHESTRATOR_RUN}, which the supervisor adds at launch
 * @param source     the descriptor file, or the drop-in folder, the app came from
 * @param secretKeys env keys whose values are masked in output (from env files, or names that look secret)
 * @param health     probes, dependencies, heartbeat, memory and cron restarts ({@link HealthSpec#NONE}: none)
 */
public record AppSpec(
        String name,
        String namespace,
        String runtime,
        int instances,
        List<String> argv,
        Path cwd,
        Map<String, String> env,
        Path source,
        LogSpec logs,
        RestartSpec restart,
        StopSpec stop,
        WatchSpec watch,
        Set<String> secretKeys,
        HealthSpec health) {

    public AppSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(runtime, "runtime");
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be >= 1, was " + instances);
        }
        argv = List.copyOf(argv);
        Objects.requireNonNull(cwd, "cwd");
        env = Map.copyOf(env);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(watch, "watch");
        secretKeys = Set.copyOf(secretKeys);
        Objects.requireNonNull(health, "health");
    }

    /** An app without probes, dependencies or health restarts ({@link HealthSpec#NONE}). */
    public AppSpec(String name, String namespace, String runtime, int instances, List<String> argv, Path cwd,
                   Map<String, String> env, Path source, LogSpec logs, RestartSpec restart, StopSpec stop,
                   WatchSpec watch, Set<String> secretKeys) {
        this(name, namespace, runtime, instances, argv, cwd, env, source, logs, restart, stop, watch, secretKeys,
                HealthSpec.NONE);
    }

    /** This spec with {@code newHealth}. */
    public AppSpec withHealth(HealthSpec newHealth) {
        return new AppSpec(name, namespace, runtime, instances, argv, cwd, env, source, logs, restart, stop, watch,
                secretKeys, newHealth);
    }

    /** The label of one process in logs and on the console: {@code name} for a single instance, else {@code name-i}. */
    public String processLabel(int instance) {
        return instances == 1 ? name : name + "-" + instance;
    }
}
