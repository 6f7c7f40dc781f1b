package dev.orchestrator.health;

import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.process.ProcFs;
import dev.orchestrator.process.ProcStat;
import dev.orchestrator.supervisor.ProcessView;
import dev.orchestrator.supervisor.Supervisor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code max_memory_restart}: one {@code /proc} sweep per sample for all apps together (never a thread or a read per
 * app) sums the resident memory of each child's whole process group; a child over its app's limit is restarted with
 * the reason {@code memory 412M over max_memory_restart 300M}.
 */
final class MemoryWatch {

    private final Supervisor supervisor;

    MemoryWatch(Supervisor supervisor) {
        this.supervisor = supervisor;
    }

    /** One sample; does nothing (not even the sweep) when no running app has a limit, and then returns false. */
    boolean sample() {
        Map<Integer, ProcessView> limited = new HashMap<>();
        Map<Integer, Long> limits = new HashMap<>();
        for (ProcessView v : supervisor.snapshot()) {
            OptionalLong limit = supervisor.spec(v.name()).map(AppSpec::health).map(h -> h.maxMemoryBytes())
                    .orElse(OptionalLong.empty());
            if (v.pid() != null && limit.isPresent()) {
                limited.put(v.pid(), v);
                limits.put(v.pid(), limit.getAsLong());
            }
        }
        if (limited.isEmpty()) {
            return false;
        }
        Map<Integer, Long> rss = groupRss(limited.keySet().stream().toList());
        rss.forEach((pgid, bytes) -> {
            long limit = limits.get(pgid);
            if (bytes > limit) {
                ProcessView v = limited.get(pgid);
                supervisor.restartUnhealthy(v.name(), v.instance(), pgid, "memory " + Texts.sizeOver(bytes, limit)
                        + " over max_memory_restart " + Texts.size(limit));
            }
        });
        return true;
    }

    /** Resident bytes per process group, live members only, from one sweep. */
    static Map<Integer, Long> groupRss(List<Integer> pgids) {
        Map<Integer, Long> out = new HashMap<>();
        java.util.Set<Integer> wanted = java.util.Set.copyOf(pgids);
        for (ProcStat s : ProcFs.sweep()) {
            if (s.alive() && wanted.contains(s.pgrp())) {
                out.merge(s.pgrp(), s.rssBytes(), Long::sum);
            }
        }
        return out;
    }
}
