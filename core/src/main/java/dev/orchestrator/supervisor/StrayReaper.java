package dev.orchestrator.supervisor;

import dev.orchestrator.process.Posix;
import dev.orchestrator.process.ProcFs;
import dev.orchestrator.process.ProcStat;
import dev.orchestrator.process.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops single processes that are not in a group we track (a grandchild that called setsid, or leftovers of a dead
 * orchestrator): the signal to each pid, then SIGKILL after the timeout. Each target is checked by pid and start time,
 * so a pid reused meanwhile is never signalled. Blocking; runs on a control thread, only at shutdown and recovery.
 */
final class StrayReaper {
    private static final long POLL_MS = 20;
    private static final Duration AFTER_KILL = Duration.ofSeconds(5);

    private StrayReaper() {
    }

    /** @return the targets that needed SIGKILL */
    static List<ProcStat> stop(List<ProcStat> targets, Signal signal, Duration timeout) {
        List<ProcStat> alive = new ArrayList<>(targets);
        send(alive, signal);
        if (signal != Signal.SIGKILL) {
            send(alive, Signal.SIGCONT);
        }
        waitGone(alive, timeout);
        List<ProcStat> forced = List.copyOf(alive);
        if (!alive.isEmpty()) {
            send(alive, Signal.SIGKILL);
            waitGone(alive, AFTER_KILL);
        }
        return forced;
    }

    private static void send(List<ProcStat> targets, Signal signal) {
        targets.removeIf(t -> !ProcFs.alive(t.pid(), t.startTicks()));
        for (ProcStat t : targets) {
            Posix.kill(t.pid(), signal.number());
        }
    }

    private static void waitGone(List<ProcStat> targets, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            targets.removeIf(t -> !ProcFs.alive(t.pid(), t.startTicks()));
            if (targets.isEmpty() || System.nanoTime() >= deadline) {
                return;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
