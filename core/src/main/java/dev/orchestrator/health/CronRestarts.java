package dev.orchestrator.health;

import dev.orchestrator.plan.CronSchedule;
import dev.orchestrator.supervisor.ProcessView;
import dev.orchestrator.supervisor.Supervisor;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code cron_restart}: each app's next time is computed from the injected clock when the app is first seen (or its
 * schedule changes); every tick restarts the apps whose time has come and computes their next one, and says when the
 * next tick is due. A tick that comes late (a suspended laptop) restarts once, not once per missed time.
 */
final class CronRestarts {

    private record Entry(CronSchedule schedule, Instant next) {
    }

    private final Supervisor supervisor;
    private final Clock clock;
    private final Map<String, Entry> entries = new HashMap<>();

    CronRestarts(Supervisor supervisor, Clock clock) {
        this.supervisor = supervisor;
        this.clock = clock;
    }

    /**
     * Restarts the apps whose time has come; the restarts are requested after the monitor is released.
     *
     * @return the earliest next cron time of any app, empty when no app has one
     */
    Optional<Instant> tick() {
        Map<String, String> due = new LinkedHashMap<>();
        Instant earliest = null;
        synchronized (this) {
            Instant now = clock.instant();
            Set<String> names = new LinkedHashSet<>();
            supervisor.snapshot().stream().map(ProcessView::name).forEach(names::add);
            entries.keySet().retainAll(names);
            for (String name : names) {
                Optional<String> cron = supervisor.spec(name).flatMap(s -> s.health().cron());
                if (cron.isEmpty()) {
                    entries.remove(name);
                    continue;
                }
                Entry entry = entries.get(name);
                if (entry == null || !entry.schedule().expression().equals(cron.get())) {
                    entry = next(CronSchedule.parse(cron.get()), now);
                } else if (entry.next() != null && !now.isBefore(entry.next())) {
                    due.put(name, cron.get());
                    entry = next(entry.schedule(), now);
                }
                entries.put(name, entry);
                if (entry.next() != null && (earliest == null || entry.next().isBefore(earliest))) {
                    earliest = entry.next();
                }
            }
        }
        due.forEach((name, cron) -> supervisor.restartScheduled(name, "cron_restart \"" + cron + "\""));
        return Optional.ofNullable(earliest);
    }

    /** When app {@code name} restarts next, once the monitor has seen it. */
    synchronized Optional<Instant> next(String name) {
        return Optional.ofNullable(entries.get(name)).map(Entry::next);
    }

    private Entry next(CronSchedule schedule, Instant after) {
        return new Entry(schedule, schedule.next(after, clock.getZone()).orElse(null));
    }
}
