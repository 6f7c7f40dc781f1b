package dev.orchestrator.testing.children;

import dev.orchestrator.logs.ConsolePrinter;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.LogSpec;
import dev.orchestrator.plan.RestartSpec;
import dev.orchestrator.plan.RotateSpec;
import dev.orchestrator.plan.StopSpec;
import dev.orchestrator.plan.WatchSpec;
import dev.orchestrator.supervisor.InstanceLock;
import dev.orchestrator.supervisor.Recovery;
import dev.orchestrator.supervisor.ShutdownSignals;
import dev.orchestrator.supervisor.Supervisor;
import dev.orchestrator.supervisor.SupervisorOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A foreground orchestrator the way {@code orchestrator up} wires the pieces: lock, recovery, supervisor with console,
 * signal handlers, one app. Args: project dir, run id, kill timeout in ms, then the app's argv.
 */
public final class OrchestratorMain {
    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(args[0]);
        String runId = args[1];
        Duration killTimeout = Duration.ofMillis(Long.parseLong(args[2]));
        List<String> argv = Arrays.asList(args).subList(3, args.length);
        Path stateDir = root.resolve(".orchestrator");

        InstanceLock lock = InstanceLock.acquire(stateDir);
        ConsolePrinter console = ConsolePrinter.toStdout();
        console.reserve("orchestrator");
        Recovery.recoverLeftovers(stateDir).forEach(line -> console.message("orchestrator", line));
        Supervisor supervisor = new Supervisor(new SupervisorOptions(root, stateDir, runId, Clock.systemUTC(), console));
        ShutdownSignals.install(supervisor, notice -> console.message("orchestrator", notice), code -> {
            console.close();
            lock.close();
            System.exit(code);
        });
        supervisor.start(new AppSpec("app", "default", "shell", 1, argv, root,
                Map.of("PATH", System.getenv("PATH")), root.resolve("ecosystem.yaml"),
                new LogSpec(root.resolve("logs/app-out.log"), root.resolve("logs/app-err.log"), false,
                        Optional.empty(), RotateSpec.DEFAULT),
                RestartSpec.DEFAULT, new StopSpec("SIGTERM", killTimeout), WatchSpec.OFF, Set.of()));
        Thread.sleep(Long.MAX_VALUE);
    }
}
