package dev.orchestrator.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The file {@code node <folder>} runs: package.json {@code main} (a file, or a folder's index.js), else index.js. */
final class EntryFile {

    private EntryFile() {
    }

    static Optional<Path> of(Path folder) {
        Optional<String> main = main(folder.resolve("package.json"));
        if (main.isPresent()) {
            Path path = folder.resolve(main.get()).normalize();
            for (Path candidate : new Path[] {path, Path.of(path + ".js"), path.resolve("index.js")}) {
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        Path index = folder.resolve("index.js");
        return Files.isRegularFile(index) ? Optional.of(index) : Optional.empty();
    }

    private static Optional<String> main(Path packageJson) {
        if (!Files.isRegularFile(packageJson)) {
            return Optional.empty();
        }
        try {
            JsonNode main = new ObjectMapper().readTree(packageJson.toFile()).path("main");
            return main.isTextual() && !main.asText().isBlank() ? Optional.of(main.asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // node would fail on it too; the plugin reports a broken package.json
        }
    }
}
