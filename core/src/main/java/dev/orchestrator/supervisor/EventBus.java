package dev.orchestrator.supervisor;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers lifecycle events on one thread, in the order they were published, so a slow or failing subscriber never
 * holds up the supervisor and no subscriber runs under a supervisor lock. Publishing only enqueues.
 */
final class EventBus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    private static final LifecycleEvent END = new LifecycleEvent.Stopped("\0end");

    private final CopyOnWriteArrayList<Consumer<LifecycleEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<LifecycleEvent> queue = new LinkedBlockingQueue<>();
    private final Thread thread = Thread.ofPlatform().name("orchestrator-events").daemon(true)
            .stackSize(512 << 10).start(this::run);

    void publish(LifecycleEvent event) {
        queue.add(event);
    }

    /** @return a handle that unsubscribes */
    Runnable subscribe(Consumer<LifecycleEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** Delivers what is queued, then stops. */
    @Override
    public void close() {
        queue.add(END);
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            LifecycleEvent event;
            try {
                event = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (event == END) {
                return;
            }
            for (Consumer<LifecycleEvent> s : subscribers) {
                try {
                    s.accept(event);
                } catch (RuntimeException e) {
                    LOG.warn("lifecycle subscriber {} failed on {}: {}", s.getClass().getName(), event, e.toString());
                }
            }
        }
    }
}
