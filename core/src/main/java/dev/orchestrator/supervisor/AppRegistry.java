package dev.orchestrator.supervisor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The supervisor's apps: each app name to its instances' runners, index = instance. Lookups are lock-free; replacing
 * an app's list takes the lock, so a check on the old list (e.g. "not running") and the replacement are one step.
 */
final class AppRegistry {

    private final NavigableMap<String, List<ProcessRunner>> apps = new ConcurrentSkipListMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Services services;

    AppRegistry(Services services) {
        this.services = services;
    }

    /**
     * Gives the app exactly {@code instances} runners, keeping the existing ones by index and creating the rest;
     * {@code guard} sees the old list under the lock and may refuse by throwing.
     */
    List<ProcessRunner> resize(String name, int instances, Consumer<List<ProcessRunner>> guard) {
        lock.lock();
        try {
            List<ProcessRunner> old = apps.getOrDefault(name, List.of());
            guard.accept(old);
            List<ProcessRunner> runners = new ArrayList<>(instances);
            for (int i = 0; i < instances; i++) {
                runners.add(i < old.size() ? old.get(i) : new ProcessRunner(services, name, i));
            }
            apps.put(name, List.copyOf(runners));
            return List.copyOf(runners);
        } finally {
            lock.unlock();
        }
    }

    /** @throws IllegalArgumentException naming the known apps when {@code name} is unknown */
    List<ProcessRunner> runners(String name) {
        List<ProcessRunner> runners = apps.get(name);
        if (runners == null) {
            throw new IllegalArgumentException("app '" + name + "' is unknown; known apps: "
                    + String.join(", ", apps.keySet()));
        }
        return runners;
    }

    /** @throws IllegalArgumentException when the app or the instance does not exist */
    ProcessRunner runner(String name, int instance) {
        List<ProcessRunner> runners = runners(name);
        if (instance < 0 || instance >= runners.size()) {
            throw new IllegalArgumentException("app '" + name + "' has no instance " + instance + "; it has "
                    + runners.size() + " (0 to " + (runners.size() - 1) + ")");
        }
        return runners.get(instance);
    }

    ProcessRunner runnerOrNull(String name, int instance) {
        List<ProcessRunner> runners = apps.get(name);
        return runners == null || instance < 0 || instance >= runners.size() ? null : runners.get(instance);
    }

    Optional<List<ProcessRunner>> find(String name) {
        return Optional.ofNullable(apps.get(name));
    }

    /**
     * The runner labelled {@code label}: an app's name, or {@code name-instance} when it has several
     * ({@link dev.orchestrator.plan.AppSpec#processLabel}). Looked up by name rather than by asking every runner: the
     * health monitor asks at every start, and 100 apps starting asked 10,000 times.
     */
    Optional<ProcessRunner> labelled(String label) {
        List<ProcessRunner> candidates = new ArrayList<>(apps.getOrDefault(label, List.of()));
        int dash = label.lastIndexOf('-');
        String suffix = label.substring(dash + 1);
        if (dash > 0 && !suffix.isEmpty() && suffix.length() < 10
                && suffix.chars().allMatch(c -> c >= '0' && c <= '9')) {
            List<ProcessRunner> runners = apps.getOrDefault(label.substring(0, dash), List.of());
            int instance = Integer.parseInt(suffix);
            if (instance < runners.size()) {
                candidates.add(runners.get(instance));
            }
        }
        for (ProcessRunner r : candidates) {
            if (r.labelled(label)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    boolean contains(String name) {
        return apps.containsKey(name);
    }

    void remove(String name) {
        apps.remove(name);
    }

    /** The app names, sorted. */
    java.util.Set<String> names() {
        return apps.keySet();
    }

    /** Every app's runners, by app name. */
    Collection<List<ProcessRunner>> all() {
        return apps.values();
    }
}
