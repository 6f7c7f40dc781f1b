package dev.orchestrator.instance;

import dev.orchestrator.supervisor.Supervisor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the app and instance behind a process label ({@code api}, {@code api-1}). Labels are stable while an app's
 * instance count is, so they are cached; only an unknown label costs a supervisor snapshot (which locks every
 * process), instead of one snapshot per lifecycle event.
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
        supervisor.snapshot().forEach(v -> known.put(v.label(), new Address(v.name(), v.instance())));
        return known.getOrDefault(label, new Address(label, 0));
    }
}
