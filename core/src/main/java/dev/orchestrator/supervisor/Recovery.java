package dev.orchestrator.supervisor;

import dev.orchestrator.process.GroupStopper;
import dev.orchestrator.process.ProcFs;
import dev.orchestrator.process.ProcStat;
import dev.orchestrator.process.Signal;
import dev.orchestrator.process.StopOutcome;
import dev.orchestrator.process.StopRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Stops what a killed orchestrator left running. Call it while holding the {@link InstanceLock}, before starting
 * anything: the free lock proved the previous orchestrator dead, and its state.json names its run id and children.
 * Leftovers are found two ways: the recorded groups whose leader still has the recorded {@code /proc} start time (a
 * reused pid is left alone), and every live process whose environment carries {@code ORCHESTRATOR_RUN=<old id>},
 * which also finds reparented grandchildren that left their group. Groups get their recorded kill signal and timeout,
 * then SIGKILL; strays get SIGTERM, then SIGKILL after 1.6 s.
 */
public final class Recovery {
    private Recovery() {
    }

    /**
     * @return one line per thing stopped (empty when nothing was left), for the console
     */
    public static List<String> recoverLeftovers(Path stateDir) {
        StateFile.State state;
        try {
            var read = StateFile.read(stateDir);
            if (read.isEmpty()) {
                return List.of();
            }
            state = read.get();
        } catch (IOException e) {
            return List.of("recovery found an unreadable " + stateDir.resolve(StateFile.NAME) + " (" + e.getMessage()
                    + "); nothing recovered; processes of the previous run may still be running");
        }
        String marker = "ORCHESTRATOR_RUN=" + state.runId();
        String run = "run " + state.runId() + " (orchestrator pid " + state.orchestratorPid() + ")";
        List<String> report = new ArrayList<>();

        Map<Integer, StateFile.Entry> groups = new HashMap<>();
        for (StateFile.Entry e : state.processes()) {
            if (ProcFs.alive(e.pid(), e.startTicks())) {
                groups.put(e.pgid(), e);
            }
        }
        List<ProcStat> strays = ProcFs.withEnvironmentEntry(marker).stream()
                .filter(p -> !groups.containsKey(p.pgrp())).toList();

        report.addAll(stopGroups(groups, run));
        if (!strays.isEmpty()) {
            List<ProcStat> forced = StrayReaper.stop(strays, Signal.SIGTERM, Duration.ofMillis(1600));
            for (ProcStat p : strays) {
                report.add("stopped leftover process " + p.pid() + " (" + p.comm() + ") of " + run
                        + ", found by its " + marker + " marker" + (forced.contains(p) ? ", with SIGKILL" : ""));
            }
        }
        try {
            Files.deleteIfExists(stateDir.resolve(StateFile.NAME));
        } catch (IOException e) {
            report.add("deleting " + stateDir.resolve(StateFile.NAME) + " failed: " + e.getMessage());
        }
        return report;
    }

    private static List<String> stopGroups(Map<Integer, StateFile.Entry> groups, String run) {
        List<String> report = new ArrayList<>();
        if (groups.isEmpty()) {
            return report;
        }
        try (GroupStopper stopper = new GroupStopper()) {
            Map<StateFile.Entry, CompletableFuture<StopOutcome>> stops = new HashMap<>();
            for (StateFile.Entry e : groups.values()) {
                Signal signal = parseOr(e.killSignal());
                stops.put(e, stopper.stop(new StopRequest(e.label(), e.pgid(), null, signal,
                        Duration.ofMillis(e.killTimeoutMs()))));
            }
            stops.forEach((e, f) -> {
                String what = "stopped leftover '" + e.label() + "' (pid " + e.pid() + ", process group " + e.pgid()
                        + ") of " + run;
                try {
                    StopOutcome o = f.join();
                    report.add(what + (o.forced() ? ", with SIGKILL after " + e.killTimeoutMs() + " ms" : ""));
                } catch (CompletionException ex) {
                    report.add("stopping leftover '" + e.label() + "' (process group " + e.pgid() + ") of " + run
                            + " failed: " + ex.getCause().getMessage());
                }
            });
        }
        report.sort(null);
        return report;
    }

    private static Signal parseOr(String name) {
        try {
            return Signal.parse(name);
        } catch (IllegalArgumentException e) {
            return Signal.SIGTERM;
        }
    }
}
