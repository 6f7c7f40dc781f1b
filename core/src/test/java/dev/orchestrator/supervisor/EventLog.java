package dev.orchestrator.supervisor;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Records a supervisor's events for assertions. */
final class EventLog implements Consumer<LifecycleEvent> {
    private final List<LifecycleEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void accept(LifecycleEvent event) {
        events.add(event);
    }

    List<LifecycleEvent> all() {
        return List.copyOf(events);
    }

    <T extends LifecycleEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends LifecycleEvent> T awaitFirst(Class<T> type, Predicate<T> matching) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> of(type).stream().filter(matching).findFirst().orElse(null), e -> e != null);
    }

    <T extends LifecycleEvent> List<T> awaitCount(Class<T> type, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> of(type), l -> l.size() >= count);
    }
}
