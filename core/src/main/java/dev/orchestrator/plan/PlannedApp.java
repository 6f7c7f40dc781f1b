package dev.orchestrator.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of planning one app: a runnable {@link AppSpec}, or the reason it cannot run. What {@code config} prints.
 *
 * @param shownEnv what the orchestrator sets (layers 2 to 6), unmasked; mask {@code spec.secretKeys()} before printing
 * @param error    why the app cannot run, compiler-style with file and line (absent when it can)
 */
public record PlannedApp(String name, String namespace, Optional<String> runtime, Path source, boolean disabled,
                         Optional<AppSpec> spec, Map<String, String> shownEnv, List<String> notes,
                         List<String> warnings, Optional<String> error) {

    public PlannedApp {
        shownEnv = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(shownEnv));
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
    }

    public static PlannedApp failed(String name, String namespace, Optional<String> runtime, Path source,
                                    String error) {
        return new PlannedApp(name, namespace, runtime, source, false, Optional.empty(), Map.of(), List.of(),
                List.of(), Optional.of(error));
    }

    public boolean ok() {
        return error.isEmpty();
    }
}
