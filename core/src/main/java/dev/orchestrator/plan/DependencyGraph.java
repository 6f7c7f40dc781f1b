package dev.orchestrator.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Apps and what each {@code depends_on}, by name only (pure: no specs, no processes). Names a dependency that is not
 * itself an app of the graph are ignored here; the loader reports them. Start order puts dependencies first; stop
 * levels are the reverse dependency levels, each stopped in parallel; a cycle is reported as a path.
 */
public final class DependencyGraph {

    private final Map<String, List<String>> edges = new TreeMap<>();

    /** @param dependsOn app name to the names it depends on, in the order written */
    public DependencyGraph(Map<String, ? extends Collection<String>> dependsOn) {
        dependsOn.forEach((app, deps) -> edges.put(app, List.copyOf(new LinkedHashSet<>(deps))));
    }

    /** The graph of these apps' {@code depends_on}. */
    public static DependencyGraph of(Collection<AppSpec> specs) {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        specs.forEach(s -> edges.put(s.name(), List.copyOf(s.health().dependsOn().keySet())));
        return new DependencyGraph(edges);
    }

    /** The supervisor's stop order ({@code Supervisor.stopOrder}): reverse dependency levels of these apps. */
    public static List<List<String>> stopLevels(Collection<AppSpec> specs) {
        return of(specs).stopLevels();
    }

    public Set<String> apps() {
        return edges.keySet();
    }

    /** The known apps {@code app} depends on directly. */
    public List<String> dependenciesOf(String app) {
        return edges.getOrDefault(app, List.of()).stream().filter(edges::containsKey).toList();
    }

    /** Whether any app depends on another known app. */
    public boolean hasDependencies() {
        return edges.keySet().stream().anyMatch(a -> !dependenciesOf(a).isEmpty());
    }

    /**
     * Every app on a cycle, mapped to its cycle as a path that starts and ends at the cycle's first member by name:
     * {@code [a, b, a]}. Every member of one cycle maps to the same path.
     */
    public Map<String, List<String>> cycles() {
        Map<String, List<String>> out = new TreeMap<>();
        for (Set<String> component : components()) {
            String start = component.iterator().next();
            boolean selfLoop = dependenciesOf(start).contains(start);
            if (component.size() > 1 || selfLoop) {
                List<String> path = pathBack(start, component);
                component.forEach(member -> out.put(member, path));
            }
        }
        return out;
    }

    /** Dependencies before dependents; apps on a cycle come in name order where the cycle is cut. */
    public List<String> startOrder() {
        List<String> order = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String app : edges.keySet()) {
            visit(app, done, visiting, order);
        }
        return order;
    }

    /**
     * Stop levels: first the apps nothing else depends on, last the deepest dependencies; the apps of one level stop
     * in parallel. Without dependencies this is one level holding every app.
     */
    public List<List<String>> stopLevels() {
        Map<String, Integer> level = new HashMap<>();
        for (String app : startOrder()) {
            int l = 0;
            for (String dep : dependenciesOf(app)) {
                l = Math.max(l, level.getOrDefault(dep, 0) + 1); // a dependency not yet levelled is on a cycle
            }
            level.put(app, l);
        }
        TreeMap<Integer, List<String>> byLevel = new TreeMap<>();
        level.forEach((app, l) -> byLevel.computeIfAbsent(l, k -> new ArrayList<>()).add(app));
        List<List<String>> out = new ArrayList<>();
        byLevel.descendingMap().values().forEach(apps -> out.add(apps.stream().sorted().toList()));
        return out;
    }

    /** {@code apps} and everything they depend on, directly or not, in start order. */
    public List<String> withDependencies(Collection<String> apps) {
        Set<String> wanted = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(apps);
        while (!todo.isEmpty()) {
            String app = todo.pop();
            if (wanted.add(app)) {
                todo.addAll(dependenciesOf(app));
            }
        }
        return startOrder().stream().filter(wanted::contains).toList();
    }

    private void visit(String app, Set<String> done, Set<String> visiting, List<String> order) {
        if (done.contains(app) || !visiting.add(app)) {
            return;
        }
        for (String dep : dependenciesOf(app)) {
            visit(dep, done, visiting, order);
        }
        visiting.remove(app);
        done.add(app);
        order.add(app);
    }

    /** The shortest path from {@code start} back to itself inside its strongly connected component. */
    private List<String> pathBack(String start, Set<String> component) {
        Map<String, String> cameFrom = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            String at = queue.poll();
            for (String dep : dependenciesOf(at)) {
                if (dep.equals(start)) {
                    List<String> path = new ArrayList<>();
                    for (String step = at; step != null; step = cameFrom.get(step)) {
                        path.addFirst(step);
                    }
                    path.add(start);
                    return path;
                }
                if (component.contains(dep) && !cameFrom.containsKey(dep)) {
                    cameFrom.put(dep, at);
                    queue.add(dep);
                }
            }
        }
        throw new IllegalStateException("no cycle through '" + start + "' in " + component);
    }

    /** Strongly connected components (Tarjan), each with its members in name order. */
    private List<Set<String>> components() {
        Tarjan t = new Tarjan();
        edges.keySet().forEach(app -> {
            if (!t.index.containsKey(app)) {
                t.connect(app);
            }
        });
        return t.components;
    }

    private final class Tarjan {
        final Map<String, Integer> index = new HashMap<>();
        final Map<String, Integer> low = new HashMap<>();
        final Deque<String> stack = new ArrayDeque<>();
        final Set<String> onStack = new java.util.HashSet<>();
        final List<Set<String>> components = new ArrayList<>();

        void connect(String v) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.push(v);
            onStack.add(v);
            for (String w : dependenciesOf(v)) {
                if (!index.containsKey(w)) {
                    connect(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                Set<String> component = new TreeSet<>();
                String w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    component.add(w);
                } while (!w.equals(v));
                components.add(component);
            }
        }
    }
}
