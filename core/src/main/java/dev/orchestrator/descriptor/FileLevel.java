package dev.orchestrator.descriptor;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of an {@code apps:} descriptor that apply to every app in the file: {@code env}, {@code env_file},
 * {@code namespace}. For a single-app descriptor these are the app's own and this is empty.
 */
public record FileLevel(Map<String, Located<String>> env, List<Located<String>> envFiles,
                        Optional<Located<String>> namespace) {

    public static final FileLevel EMPTY = new FileLevel(Map.of(), List.of(), Optional.empty());

    public FileLevel {
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        envFiles = List.copyOf(envFiles);
    }
}
