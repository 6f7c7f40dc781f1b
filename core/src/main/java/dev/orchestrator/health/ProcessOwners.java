package dev.orchestrator.health;

import dev.orchestrator.process.ProcFs;
import dev.orchestrator.process.ProcStat;
import java.util.Optional;
import java.util.Set;

/**
 * Which supervised child a pid belongs to. Every child leads its own process group (pid == pgid), so a process of
 * its group (the Python under {@code uv run}, a server under {@code npm start}) is found by its group id; one that
 * started its own session is found through its parents. Reads {@code /proc}; call it without locks.
 */
final class ProcessOwners {
    private static final int MAX_ANCESTORS = 64;

    private ProcessOwners() {
    }

    /** The child ({@code groups} holds their pids) whose group or descendants hold {@code pid}; empty when none. */
    static Optional<Integer> groupOf(int pid, Set<Integer> groups) {
        Optional<ProcStat> stat = ProcFs.stat(pid).filter(ProcStat::alive);
        for (int hops = 0; stat.isPresent() && hops < MAX_ANCESTORS; hops++) {
            ProcStat s = stat.get();
            if (groups.contains(s.pgrp())) {
                return Optional.of(s.pgrp());
            }
            if (groups.contains(s.pid())) {
                return Optional.of(s.pid());
            }
            if (s.ppid() <= 1) {
                return Optional.empty();
            }
            stat = ProcFs.stat(s.ppid());
        }
        return Optional.empty();
    }
}
