package dev.orchestrator.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names are unique across the project and may not equal a namespace name, so {@code orchestrator restart duck} always
 * means one thing. Returns, per failing candidate, why.
 */
final class NameRules {

    private NameRules() {
    }

    static Map<AppCandidate, String> violations(List<AppCandidate> candidates, Set<String> namespaces, Path root) {
        Map<String, List<AppCandidate>> byName = new LinkedHashMap<>();
        candidates.forEach(c -> byName.computeIfAbsent(c.name(), n -> new ArrayList<>()).add(c));
        Map<AppCandidate, String> failures = new HashMap<>();
        byName.forEach((name, same) -> {
            if (same.size() > 1) {
                List<String> places = same.stream().map(c -> where(c, root)).toList();
                same.forEach(c -> failures.put(c, "app name '" + name + "' is used more than once: "
                        + String.join(" and ", places) + "; rename one of them"));
            } else if (namespaces.contains(name)) {
                failures.put(same.getFirst(), "app name '" + name + "' is also a namespace; rename the app, so that '"
                        + name + "' on the command line means one thing");
            }
        });
        return failures;
    }

    private static String where(AppCandidate c, Path root) {
        Path file = c.position().file();
        Path shown = file.startsWith(root) ? root.relativize(file) : file;
        return shown + ":" + c.position().line();
    }
}
