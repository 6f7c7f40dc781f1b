package dev.orchestrator.supervisor;

import dev.orchestrator.logs.OutputPump;
import dev.orchestrator.process.SpawnedProcess;
import dev.orchestrator.process.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One spawned process of a runner, with its pumps and how it must be stopped.
 *
 * @param exitHandled completes after the runner has recorded this child's exit (so "stopped" follows "exited")
 * @param output      where its output begins in its log files
 * @param stateEntry  its line in state.json, made once: a burst of starts rewrites the file many times
 */
record Child(String label, SpawnedProcess spawned, OutputPump out, OutputPump err, Instant startedAt, Signal killSignal,
        Duration killTimeout, CompletableFuture<Void> exitHandled, LifecycleEvent.OutputStart output,
        StateFile.Entry stateEntry) {

    int pid() {
        return spawned.pid();
    }

    CompletableFuture<Void> pumpsDone() {
        return CompletableFuture.allOf(out.done(), err.done());
    }

    void abortPumps() {
        out.abort();
        err.abort();
    }
}
