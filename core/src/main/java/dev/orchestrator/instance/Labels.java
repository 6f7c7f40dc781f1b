package dev.orchestrator.instance;

import dev.orchestrator.supervisor.Supervisor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the app and instance behind a process label ({@code api}, {@code api-1}). Labels are stable while an app's
 * instance count is, so they are cached: an event of a process the reload has just removed still finds its app.
 */
final class Labels {

    record Address(String name, int instance) {
    }

    private final Supervisor supervisor;
    private final Map<String, Address> known = new ConcurrentHashMap<>();

    Labels(Supervisor supervisor) {
        this.supervisor = supervisor;
    }

    Address resolve(String label) {
        Address cached = known.get(label);
        if (cached != null) {
            return cached;
        }
        return supervisor.view(label).map(v -> {
            Address found = new Address(v.name(), v.instance());
            known.put(label, found);
            return found;
        }).orElse(new Address(label, 0));
    }
}
