package dev.orchestrator.plan;

import dev.orchestrator.descriptor.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of planning one app: a runnable {@link AppSpec}, or the reason it cannot run. What {@code config} prints.
 *
 * @param shownEnv what the orchestrator sets (layers 2 to 6), unmasked; mask {@code spec.secretKeys()} before printing
 * @param failure  why the app cannot run, with file and line (absent when it can)
 */
public record PlannedApp(String name, String namespace, Optional<String> runtime, Path source, boolean disabled,
                         Optional<AppSpec> spec, Map<String, String> shownEnv, List<String> notes,
                         List<String> warnings, Optional<Problem> failure) {

    public PlannedApp {
        shownEnv = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(shownEnv));
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
    }

    public static PlannedApp failed(String name, String namespace, Optional<String> runtime, Path source,
                                    Problem failure) {
        return new PlannedApp(name, namespace, runtime, source, false, Optional.empty(), Map.of(), List.of(),
                List.of(), Optional.of(failure.forApp(name)));
    }

    public boolean ok() {
        return failure.isEmpty();
    }
}
