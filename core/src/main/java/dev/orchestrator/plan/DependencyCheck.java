package dev.orchestrator.plan;

import dev.orchestrator.descriptor.KeySuggester;
import dev.orchestrator.descriptor.Problem;
import dev.orchestrator.descriptor.Settings;
import dev.orchestrator.descriptor.SourcePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The loader's last step: {@code depends_on} across apps. A dependency on an unknown app, a {@code completed}
 * condition on an app that restarts, and every member of a cycle fail that app, with the error at its
 * {@code depends_on} key.
 */
final class DependencyCheck {

    private DependencyCheck() {
    }

    /**
     * @param positions where an app's {@code depends_on} is written (or the app, when it came from defaults); asked
     *                  only for apps that fail
     * @return a new list: the apps, with those that fail the check replaced by their failure
     */
    static List<PlannedApp> apply(List<PlannedApp> apps, Function<String, Optional<SourcePosition>> positions) {
        if (apps.stream().allMatch(a -> a.spec().map(s -> s.health().dependsOn().isEmpty()).orElse(true))) {
            return new ArrayList<>(apps); // nothing depends on anything: no graph to build (10,000 apps, no edges)
        }
        Set<String> names = apps.stream().map(PlannedApp::name).collect(Collectors.toCollection(TreeSet::new));
        Map<String, AppSpec> specs = new LinkedHashMap<>();
        apps.forEach(a -> a.spec().ifPresent(s -> specs.put(a.name(), s)));
        Map<String, List<String>> edges = new LinkedHashMap<>();
        specs.forEach((name, s) -> edges.put(name, List.copyOf(s.health().dependsOn().keySet())));
        Map<String, List<String>> cycles = new DependencyGraph(edges).cycles();

        List<PlannedApp> out = new ArrayList<>(apps.size());
        for (PlannedApp app : apps) {
            Optional<String> error = app.spec().flatMap(s -> problem(s, names, specs, cycles));
            out.add(error.map(message -> PlannedApp.failed(app.name(), app.namespace(), app.runtime(), app.source(),
                    Problem.error(positions.apply(app.name()).orElse(SourcePosition.startOf(app.source())), message)))
                    .orElse(app));
        }
        return out;
    }

    private static Optional<String> problem(AppSpec spec, Set<String> names, Map<String, AppSpec> specs,
                                            Map<String, List<String>> cycles) {
        for (Map.Entry<String, Settings.Condition> dep : spec.health().dependsOn().entrySet()) {
            String name = dep.getKey();
            if (!names.contains(name)) {
                return Optional.of("depends_on names unknown app '" + name + "'"
                        + KeySuggester.closest(name, names).map(s -> "; did you mean '" + s + "'?")
                        .orElse("; known apps: " + String.join(", ", names)));
            }
            AppSpec target = specs.get(name);
            if (dep.getValue() == Settings.Condition.COMPLETED && target != null && target.restart().autorestart()) {
                return Optional.of("depends_on '" + name + ": completed' needs autorestart: false on '" + name
                        + "' (an app that restarts after it exits never completes); set it there, or wait for "
                        + "'ready' instead");
            }
        }
        List<String> cycle = cycles.get(spec.name());
        return cycle == null ? Optional.empty() : Optional.of("depends_on cycle: " + String.join(" -> ", cycle));
    }
}
