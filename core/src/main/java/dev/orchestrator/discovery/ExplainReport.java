package dev.orchestrator.discovery;

import java.nio.file.Path;
import java.util.List;

/** The lines of {@code config --explain}: one per folder considered, {@code services/py/stt: drop-in python (Pipfile)}. */
public final class ExplainReport {

    private ExplainReport() {
    }

    /** One line per explanation, in path order; paths relative to {@code root} when inside it. */
    public static List<String> format(DiscoveryResult result, Path root) {
        Path r = root.toAbsolutePath().normalize();
        return result.explanations().stream()
                .map(e -> shown(e.folder(), r) + ": " + e.reason())
                .toList();
    }

    private static String shown(Path folder, Path root) {
        if (!folder.startsWith(root) || folder.equals(root)) {
            return folder.toString();
        }
        StringBuilder sb = new StringBuilder();
        for (Path name : root.relativize(folder)) {
            sb.append(sb.isEmpty() ? "" : "/").append(name);
        }
        return sb.toString();
    }
}
