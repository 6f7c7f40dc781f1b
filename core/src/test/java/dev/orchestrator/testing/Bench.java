package dev.orchestrator.testing;

import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.LogSpec;
import dev.orchestrator.plan.RestartSpec;
import dev.orchestrator.plan.RotateSpec;
import dev.orchestrator.plan.StopSpec;
import dev.orchestrator.plan.WatchSpec;
import dev.orchestrator.process.Posix;
import dev.orchestrator.process.Signal;
import dev.orchestrator.supervisor.LifecycleEvent;
import dev.orchestrator.supervisor.Supervisor;
import dev.orchestrator.supervisor.SupervisorOptions;
import dev.orchestrator.testing.children.Chatty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The three measurements of the supervision issue, on demand (bench/supervision.sh), never as a unit test: crash
 * restart latency, a million 100-byte lines into a log file, and stopping 100 idle apps of which one ignores SIGTERM.
 */
public final class Bench {
    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory("orchestrator-bench");
        System.out.println("crash restart (SIGKILL until the replacement is spawned), median of 20: "
                + crashRestart(root.resolve("restart")) + " ms");
        System.out.println("1,000,000 lines of 100 B into the log file: " + millionLines(root.resolve("flood")) + " ms");
        System.out.println("stop 100 idle apps, one ignoring SIGTERM (kill_timeout 1600 ms): "
                + stopHundred(root.resolve("stop")) + " ms");
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static long crashRestart(Path dir) throws Exception {
        LinkedBlockingQueue<LifecycleEvent.Started> started = new LinkedBlockingQueue<>();
        List<Long> samples = new ArrayList<>();
        try (Supervisor s = supervisor(dir)) {
            s.subscribe(e -> {
                if (e instanceof LifecycleEvent.Started st) {
                    started.add(st);
                }
            });
            s.start(app(dir, "victim", List.of("/bin/sh", "-c", "exec sleep 1000"), 1600));
            LifecycleEvent.Started current = started.poll(30, TimeUnit.SECONDS);
            for (int i = 0; i < 20; i++) {
                Thread.sleep(1100); // over min_uptime, so the crash counts as stable
                long t0 = System.nanoTime();
                Posix.kill(current.pid(), Signal.SIGKILL.number());
                current = started.poll(30, TimeUnit.SECONDS);
                samples.add((System.nanoTime() - t0) / 1_000_000);
            }
        }
        Collections.sort(samples);
        return samples.get(samples.size() / 2);
    }

    private static long millionLines(Path dir) throws Exception {
        LinkedBlockingQueue<LifecycleEvent> events = new LinkedBlockingQueue<>();
        Path log = dir.resolve("logs/chatty-out.log");
        try (Supervisor s = supervisor(dir)) {
            s.subscribe(events::add);
            List<String> argv = Children.java(Chatty.class, "1000000", "100");
            AppSpec spec = app(dir, "chatty", argv, 1600);
            spec = new AppSpec(spec.name(), spec.namespace(), spec.runtime(), 1, argv, dir, spec.env(), spec.source(),
                    spec.logs(), new RestartSpec(false, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO, Set.of()),
                    spec.stop(), spec.watch(), Set.of());
            long t0 = System.nanoTime();
            s.start(spec);
            while (!Files.exists(log) || Files.size(log) < 100_000_000L) {
                Thread.sleep(1);
            }
            return (System.nanoTime() - t0) / 1_000_000;
        }
    }

    private static long stopHundred(Path dir) throws Exception {
        try (Supervisor s = supervisor(dir)) {
            for (int i = 0; i < 99; i++) {
                s.start(app(dir, "idle" + i, List.of("/bin/sh", "-c", "exec sleep 1000"), 1600));
            }
            s.start(app(dir, "stubborn", List.of("/bin/sh", "-c", "trap '' TERM; exec sleep 1000"), 1600));
            while (s.snapshot().stream().anyMatch(v -> v.pid() == null)) {
                Thread.sleep(10);
            }
            Thread.sleep(200);
            long t0 = System.nanoTime();
            s.stopAll().get();
            return (System.nanoTime() - t0) / 1_000_000;
        }
    }

    private static Supervisor supervisor(Path dir) throws Exception {
        Files.createDirectories(dir);
        return new Supervisor(new SupervisorOptions(dir, dir.resolve(".orchestrator"), SupervisorOptions.newRunId(),
                Clock.systemUTC(), null));
    }

    private static AppSpec app(Path dir, String name, List<String> argv, long killTimeoutMs) {
        return new AppSpec(name, "default", "shell", 1, argv, dir, Map.of("PATH", System.getenv("PATH")),
                dir.resolve("ecosystem.yaml"), new LogSpec(dir.resolve("logs/" + name + "-out.log"),
                        dir.resolve("logs/" + name + "-err.log"), false, Optional.empty(),
                        new RotateSpec(Long.MAX_VALUE, 1, false)),
                RestartSpec.DEFAULT, new StopSpec("SIGTERM", Duration.ofMillis(killTimeoutMs)), WatchSpec.OFF,
                Set.of());
    }
}
