package dev.orchestrator.supervisor;

import dev.orchestrator.logs.LogSink;
import dev.orchestrator.logs.OutputPump;
import dev.orchestrator.logs.RecentLines;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.LogSpec;
import dev.orchestrator.process.GroupStopper;
import dev.orchestrator.process.ProcessLaunchException;
import dev.orchestrator.process.ProcessLauncher;
import dev.orchestrator.process.Signal;
import dev.orchestrator.process.SpawnRequest;
import dev.orchestrator.process.SpawnedProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Spawns one instance of an app: its environment, its log files and its two pumps. Called without locks. */
final class ChildLauncher {
    private ChildLauncher() {
    }

    static Child launch(Services s, AppSpec spec, int instance, String label, RecentLines stderrTail)
            throws IOException, ProcessLaunchException {
        Signal killSignal = Signal.parse(spec.stop().killSignal());
        LogSpec logs = spec.logs();
        Path outPath = logs.outFile(instance, spec.instances()).toAbsolutePath().normalize();
        Path errPath = logs.errFile(instance, spec.instances()).toAbsolutePath().normalize();
        // Whole lines only where writers share a file or a timestamp goes in front of each line.
        boolean lineMode = logs.merge() || logs.dateFormat().isPresent() || outPath.equals(errPath);
        DateTimeFormatter dateFormat = logs.dateFormat()
                .map(p -> DateTimeFormatter.ofPattern(p).withZone(ZoneId.systemDefault())).orElse(null);
        String sinkLabel = logs.merge() ? spec.name() : label;

        LogSink out = s.logs().acquire(outPath, sinkLabel, logs.rotate());
        LogSink err;
        try {
            err = s.logs().acquire(errPath, sinkLabel, logs.rotate());
        } catch (IOException e) {
            s.logs().release(out);
            throw e;
        }
        // Before the spawn: whatever the child prints from its first instant on lies past these offsets.
        LifecycleEvent.OutputStart output = new LifecycleEvent.OutputStart(outPath, sizeOf(outPath), errPath,
                sizeOf(errPath));
        SpawnedProcess spawned;
        try {
            spawned = ProcessLauncher.spawn(new SpawnRequest(spec.argv(), spec.cwd(), environment(s, spec, instance)));
        } catch (ProcessLaunchException | RuntimeException e) {
            s.logs().release(out);
            s.logs().release(err);
            throw e;
        }
        OutputPump outPump;
        OutputPump errPump;
        try {
            outPump = OutputPump.start("pump-" + label + "-out", spawned.stdoutFd(), out, s.logs(), lineMode,
                    dateFormat, s.clock(), null);
            errPump = OutputPump.start("pump-" + label + "-err", spawned.stderrFd(), err, s.logs(), lineMode,
                    dateFormat, s.clock(), stderrTail);
        } catch (IOException e) {
            // No reader for its output: a child that cannot log must not run unseen (its pipe would fill and block).
            GroupStopper.killNow(spawned.pgid(), spawned.pid());
            throw e;
        }
        Instant startedAt = s.clock().instant();
        var stateEntry = new StateFile.Entry(spec.name(), instance, label, spawned.pid(), spawned.pgid(),
                spawned.startTicks(), startedAt.toString(), killSignal.name(), spec.stop().killTimeout().toMillis());
        return new Child(label, spawned, outPump, errPump, startedAt, killSignal, spec.stop().killTimeout(),
                new CompletableFuture<>(), output, stateEntry);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The planned environment plus the two per-instance entries the supervisor owns. */
    static Map<String, String> environment(Services s, AppSpec spec, int instance) {
        Map<String, String> env = new HashMap<>(spec.env());
        env.put("NODE_APP_INSTANCE", Integer.toString(instance));
        env.put("ORCHESTRATOR_RUN", s.runId());
        return env;
    }

    static String describe(Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return e instanceof ProcessLaunchException ? message + "; check its script, interpreter and cwd" : message;
    }
}
