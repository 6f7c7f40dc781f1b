package dev.orchestrator.migrate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the import writes for one PM2 config: an {@code ecosystem.yaml} beside it, and, when its apps had secrets, the
 * private env file(s), a {@code .env.example} and {@code .gitignore} entries.
 *
 * @param source     the PM2 config
 * @param descriptor the ecosystem.yaml to write
 * @param apps       the names of the apps it holds
 * @param yaml       its text, already validated by the descriptor reader
 * @param envFiles   env file -> its text (written with mode 0600)
 * @param example    the {@code .env.example} text listing the secret keys
 * @param gitignore  names to add to the {@code .gitignore} beside the descriptor
 * @param valid      false when the YAML failed validation: then nothing of it is written
 */
public record OutputFile(Path source, Path descriptor, List<String> apps, String yaml, Map<Path, String> envFiles,
                         Optional<String> example, List<String> gitignore, boolean valid) {

    public OutputFile {
        apps = List.copyOf(apps);
        envFiles = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(envFiles));
        gitignore = List.copyOf(gitignore);
    }

    /** Every file this output creates or replaces ({@code .gitignore} is only appended to). */
    public List<Path> files() {
        List<Path> files = new java.util.ArrayList<>();
        files.add(descriptor);
        files.addAll(envFiles.keySet());
        example.ifPresent(e -> files.add(descriptor.resolveSibling(".env.example")));
        return files;
    }
}
