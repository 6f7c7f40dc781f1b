package dev.orchestrator.migrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which Python env tool the python plugin would use for a folder: the nearest folder from the cwd up to the project
 * root that declares one, in the plugin's order (uv.lock, [tool.uv], Pipfile, [tool.poetry]).
 */
final class EnvTool {

    private EnvTool() {
    }

    static Optional<String> nearest(Path cwd, Path root) {
        for (Path dir = cwd; dir != null && dir.startsWith(root); dir = dir.getParent()) {
            String pyproject = read(dir.resolve("pyproject.toml"));
            if (Files.isRegularFile(dir.resolve("uv.lock")) || hasTable(pyproject, "tool.uv")) {
                return Optional.of("uv");
            }
            if (Files.isRegularFile(dir.resolve("Pipfile"))) {
                return Optional.of("pipenv");
            }
            if (hasTable(pyproject, "tool.poetry")) {
                return Optional.of("poetry");
            }
        }
        return Optional.empty();
    }

    static String marker(String tool) {
        return switch (tool) {
            case "uv" -> "uv.lock";
            case "pipenv" -> "Pipfile";
            default -> "pyproject.toml [tool.poetry]";
        };
    }

    private static boolean hasTable(String toml, String table) {
        return toml.lines().map(String::strip).filter(l -> l.startsWith("["))
                .map(l -> l.replace("[", "").replace("]", "").replace(" ", ""))
                .anyMatch(name -> name.equals(table) || name.startsWith(table + "."));
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
