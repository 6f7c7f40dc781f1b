package dev.orchestrator.instance;

import dev.orchestrator.control.AppDetails;
import dev.orchestrator.control.EventRecord;
import dev.orchestrator.process.ExitStatus;
import dev.orchestrator.supervisor.LifecycleEvent;
import dev.orchestrator.supervisor.Supervisor;
import dev.orchestrator.watch.ReloadPlan;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Turns the supervisor's lifecycle events into the control protocol's event records for subscribers, and keeps each
 * app's restart history (exit code or signal, and the reason) for {@code describe}.
 */
final class EventFeed {

    private static final int HISTORY = 50;

    private final Labels labels;
    private final Clock clock;
    private final List<Consumer<EventRecord>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<AppDetails.RestartRecord>> history = new ConcurrentHashMap<>();

    EventFeed(Supervisor supervisor, Clock clock) {
        this.labels = new Labels(supervisor);
        this.clock = clock;
        supervisor.subscribe(this::onEvent);
    }

    AutoCloseable subscribe(Consumer<EventRecord> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    List<AppDetails.RestartRecord> history(String name) {
        Deque<AppDetails.RestartRecord> records = history.get(name);
        if (records == null) {
            return List.of();
        }
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    void reloaded(ReloadPlan plan) {
        publish(new EventRecord.Reload(clock.instant(),
                plan.added().stream().map(s -> s.spec().name()).toList(),
                plan.removed().stream().map(ReloadPlan.Removal::name).toList(),
                plan.changed().stream().map(c -> c.after().name()).toList(),
                plan.failed().stream().map(ReloadPlan.Failure::name).toList()));
    }

    private void onEvent(LifecycleEvent event) {
        Labels.Address at = labels.resolve(event.label());
        Instant now = clock.instant();
        EventRecord record = switch (event) {
            case LifecycleEvent.Started e -> new EventRecord.Started(e.at(), at.name(), at.instance(), e.pid());
            case LifecycleEvent.Ready e -> new EventRecord.Ready(now, at.name(), at.instance(), e.pid());
            case LifecycleEvent.Exited e -> {
                remember(at, e.exit());
                yield new EventRecord.Exited(e.exit().at(), at.name(), at.instance(), e.exit().code(),
                        e.exit().signal() == null ? null : e.exit().signal().name());
            }
            case LifecycleEvent.Restarting e -> {
                annotate(at, e.reason());
                yield new EventRecord.Restarting(now, at.name(), at.instance(), e.delay().toMillis(), e.reason());
            }
            case LifecycleEvent.Errored e -> {
                annotate(at, e.reason());
                yield new EventRecord.Errored(now, at.name(), at.instance(), e.reason());
            }
            case LifecycleEvent.Stopped e -> new EventRecord.Stopped(now, at.name(), at.instance());
            case LifecycleEvent.Failed e -> new EventRecord.Errored(now, at.name(), at.instance(), e.reason());
        };
        publish(record);
    }

    private void publish(EventRecord record) {
        for (Consumer<EventRecord> listener : listeners) {
            listener.accept(record);
        }
    }

    private void remember(Labels.Address at, ExitStatus exit) {
        Deque<AppDetails.RestartRecord> records = history.computeIfAbsent(at.name(), n -> new ArrayDeque<>());
        synchronized (records) {
            records.addLast(new AppDetails.RestartRecord(exit.at(), at.instance(), exit.code(),
                    exit.signal() == null ? null : exit.signal().name(), exit.describe()));
            while (records.size() > HISTORY) {
                records.removeFirst();
            }
        }
    }

    /** The reason the supervisor gave for what it did after the last exit (restart, or give up). */
    private void annotate(Labels.Address at, String reason) {
        Deque<AppDetails.RestartRecord> records = history.get(at.name());
        if (records == null) {
            return;
        }
        synchronized (records) {
            AppDetails.RestartRecord last = records.peekLast();
            if (last != null && last.instance() == at.instance()) {
                records.removeLast();
                records.addLast(new AppDetails.RestartRecord(last.at(), last.instance(), last.code(), last.signal(),
                        reason));
            }
        }
    }
}
