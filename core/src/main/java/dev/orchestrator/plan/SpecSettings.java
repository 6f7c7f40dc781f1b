package dev.orchestrator.plan;

import dev.orchestrator.descriptor.AppEntry;
import dev.orchestrator.descriptor.AppKey;
import dev.orchestrator.descriptor.RootConfig;
import dev.orchestrator.descriptor.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The non-launch parts of an {@link AppSpec}: instances, logs, restart, stop, watch and health settings, with the defaults of
 * PM2 (and our own where PM2 has none) applied to whatever the descriptor left out.
 */
final class SpecSettings {

    private final Path root;
    private final RootConfig config;
    private final int cpus;

    SpecSettings(Path root, RootConfig config) {
        this.root = root;
        this.config = config;
        this.cpus = Runtime.getRuntime().availableProcessors();
    }

    AppSpec spec(AppCandidate app, AppEntry entry, String namespace, String runtime, List<String> argv, Path cwd,
                 ResolvedEnv env) throws PlanFailure {
        int instances = entry.get(AppKey.INSTANCES, Settings.Instances.class).map(i -> i.resolve(cpus)).orElse(1);
        return new AppSpec(app.name(), namespace, runtime, instances, argv, cwd, env.full(), app.source(),
                logs(app, entry), restart(entry), stop(entry), watch(app, entry, cwd), env.secretKeys(),
                health(app, entry));
    }

    private LogSpec logs(AppCandidate app, AppEntry entry) {
        Path logs = root.resolve(config.logs()).normalize();
        Path out = entry.string(AppKey.OUT_FILE).map(f -> app.folder().resolve(f).normalize())
                .orElse(logs.resolve(app.name() + "-out.log"));
        Path err = entry.string(AppKey.ERROR_FILE).map(f -> app.folder().resolve(f).normalize())
                .orElse(logs.resolve(app.name() + "-err.log"));
        Settings.LogRotate project = config.logRotate();
        Settings.LogRotate own = entry.get(AppKey.LOG_ROTATE, Settings.LogRotate.class).orElse(project);
        RotateSpec rotate = new RotateSpec(
                own.maxSize().or(project::maxSize).orElse(RotateSpec.DEFAULT.maxSizeBytes()),
                own.retain().or(project::retain).orElse(RotateSpec.DEFAULT.retain()),
                own.compress().or(project::compress).orElse(RotateSpec.DEFAULT.compress()));
        return new LogSpec(out, err, entry.get(AppKey.MERGE_LOGS, Boolean.class).orElse(false),
                entry.string(AppKey.LOG_DATE_FORMAT), rotate);
    }

    private static RestartSpec restart(AppEntry entry) {
        RestartSpec d = RestartSpec.DEFAULT;
        @SuppressWarnings("unchecked")
        List<Integer> stopCodes = entry.get(AppKey.STOP_EXIT_CODES, List.class).orElse(List.of());
        return new RestartSpec(
                entry.get(AppKey.AUTORESTART, Boolean.class).orElse(d.autorestart()),
                entry.get(AppKey.RESTART_DELAY, Duration.class).orElse(d.restartDelay()),
                entry.get(AppKey.EXP_BACKOFF_RESTART_DELAY, Duration.class).orElse(d.expBackoffInitial()),
                entry.get(AppKey.MAX_RESTARTS, Integer.class).orElse(d.maxRestarts()),
                entry.get(AppKey.MIN_UPTIME, Duration.class).orElse(d.minUptime()),
                Set.copyOf(stopCodes));
    }

    private static StopSpec stop(AppEntry entry) {
        return new StopSpec(entry.string(AppKey.KILL_SIGNAL).orElse(StopSpec.DEFAULT.killSignal()),
                entry.get(AppKey.KILL_TIMEOUT, Duration.class).orElse(StopSpec.DEFAULT.killTimeout()));
    }

    /** Probes, dependencies, heartbeat and restart triggers; a cron expression cron-utils rejects fails the app. */
    private static HealthSpec health(AppCandidate app, AppEntry entry) throws PlanFailure {
        Optional<String> cron = entry.string(AppKey.CRON_RESTART);
        if (cron.isPresent()) {
            try {
                CronSchedule.parse(cron.get());
            } catch (IllegalArgumentException e) {
                throw new PlanFailure(entry.positionOf(AppKey.CRON_RESTART).orElse(app.position()), e.getMessage());
            }
        }
        Optional<Long> memory = entry.get(AppKey.MAX_MEMORY_RESTART, Long.class);
        return new HealthSpec(
                entry.get(AppKey.READY, Settings.Probe.class),
                entry.get(AppKey.LIVE, Settings.Probe.class),
                entry.get(AppKey.DEPENDS_ON, Settings.DependsOn.class).map(Settings.DependsOn::dependencies)
                        .orElse(Map.of()),
                entry.get(AppKey.HEARTBEAT, Settings.Heartbeat.class).orElse(HealthSpec.NONE.heartbeat()),
                memory.map(OptionalLong::of).orElse(OptionalLong.empty()),
                cron);
    }

    private static WatchSpec watch(AppCandidate app, AppEntry entry, Path cwd) {
        Settings.Watch watch = entry.get(AppKey.WATCH, Settings.Watch.class).orElse(Settings.Watch.OFF);
        if (!watch.enabled()) {
            return WatchSpec.OFF;
        }
        List<Path> paths = watch.paths().isEmpty() ? List.of(cwd)
                : watch.paths().stream().map(p -> app.folder().resolve(p).normalize()).toList();
        Duration delay = entry.get(AppKey.WATCH_DELAY, Duration.class).orElse(WatchSpec.OFF.delay());
        return new WatchSpec(paths, entry.strings(AppKey.IGNORE_WATCH), delay);
    }
}
