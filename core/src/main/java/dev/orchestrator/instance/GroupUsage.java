package dev.orchestrator.instance;

import dev.orchestrator.process.ProcFs;
import dev.orchestrator.process.ProcStat;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * CPU and memory of whole process groups (a wrapper and everything it forked), from ONE {@code /proc} sweep for all
 * groups together, never a thread or a read per app. CPU % is measured between two samples, like {@code top}.
 */
final class GroupUsage {

    /** Kernel clock ticks per second ({@code getconf CLK_TCK}); 100 on every Linux we run on. */
    private static final double TICKS_PER_SECOND = 100.0;

    record Usage(double cpuPercent, long rssBytes) {
        static final Usage NONE = new Usage(0, 0);
    }

    private record Sample(long ticks, long nanos) {
    }

    private final Map<Integer, Sample> previous = new HashMap<>();

    Map<Integer, Usage> sample(Collection<Integer> pgids) {
        Set<Integer> wanted = new HashSet<>(pgids);
        Map<Integer, long[]> totals = new HashMap<>(); // pgid -> {ticks, rss}
        for (ProcStat stat : ProcFs.sweep()) {
            if (stat.alive() && wanted.contains(stat.pgrp())) {
                long[] t = totals.computeIfAbsent(stat.pgrp(), k -> new long[2]);
                t[0] += stat.cpuTicks();
                t[1] += stat.rssBytes();
            }
        }
        return usage(totals, System.nanoTime());
    }

    /** The /proc sweep above runs unlocked; only the previous samples are guarded (concurrent ls calls). */
    private synchronized Map<Integer, Usage> usage(Map<Integer, long[]> totals, long now) {
        Map<Integer, Usage> out = new HashMap<>();
        totals.forEach((pgid, t) -> {
            Sample before = previous.get(pgid);
            double cpu = 0;
            if (before != null && now > before.nanos() && t[0] >= before.ticks()) {
                double seconds = (now - before.nanos()) / 1e9;
                cpu = (t[0] - before.ticks()) / TICKS_PER_SECOND / seconds * 100.0;
            }
            previous.put(pgid, new Sample(t[0], now));
            out.put(pgid, new Usage(Math.round(cpu * 10) / 10.0, t[1]));
        });
        previous.keySet().retainAll(totals.keySet());
        return out;
    }
}
