package dev.orchestrator.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an import would write, and everything it has to say. {@link #write} writes it, refusing to replace an existing
 * descriptor or env file unless forced.
 *
 * @param root     the project root
 * @param outputs  one per PM2 config that defines apps of its own
 * @param findings everything mapped, dropped, unsupported, secret or wrong, in the order found
 */
public record ImportPlan(Path root, List<OutputFile> outputs, List<Finding> findings) {

    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

    public ImportPlan {
        outputs = List.copyOf(outputs);
        findings = List.copyOf(findings);
    }

    /** True when a config could not be imported or a generated file is invalid. */
    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.kind() == Finding.Kind.ERROR);
    }

    /**
     * The outcome of {@link #write}.
     *
     * @param written files created or replaced (not counting .gitignore)
     * @param refused why an output was not written
     */
    public record Written(List<Path> written, List<Finding> refused) {
    }

    public Written write(boolean force) {
        List<Path> written = new ArrayList<>();
        List<Finding> refused = new ArrayList<>();
        for (OutputFile output : outputs) {
            Optional<String> why = refusal(output, force);
            if (why.isPresent()) {
                refused.add(Finding.of(output.source(), null, Finding.Kind.ERROR, why.get()));
                continue;
            }
            try {
                written.addAll(write(output));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the import of " + output.source() + ": " + e.getMessage(), e);
            }
        }
        return new Written(written, refused);
    }

    private static Optional<String> refusal(OutputFile output, boolean force) {
        if (!output.valid()) {
            return Optional.of("nothing written: its generated ecosystem.yaml is invalid (see above)");
        }
        Path folder = output.descriptor().getParent();
        for (String other : List.of("ecosystem.yml", "ecosystem.json")) {
            if (folder.resolve(other).equals(output.source())) {
                return Optional.of("nothing written: the PM2 config is named " + other + ", which the orchestrator "
                        + "reads as its own descriptor; rename it to ecosystem.config.json and import again");
            }
            if (Files.exists(folder.resolve(other))) {
                return Optional.of("nothing written: " + other + " already exists beside it, and a folder holds one "
                        + "descriptor; merge the apps into it by hand, or remove it and import again");
            }
        }
        if (force) {
            return Optional.empty();
        }
        return output.files().stream().filter(Files::exists).findFirst().map(existing -> "nothing written: "
                + existing.getFileName() + " already exists beside it; pass --force to replace it");
    }

    private static List<Path> write(OutputFile output) throws IOException {
        List<Path> written = new ArrayList<>();
        Files.writeString(output.descriptor(), output.yaml());
        written.add(output.descriptor());
        for (var envFile : output.envFiles().entrySet()) {
            writePrivate(envFile.getKey(), envFile.getValue());
            written.add(envFile.getKey());
        }
        if (output.example().isPresent()) {
            Path example = output.descriptor().resolveSibling(".env.example");
            Files.writeString(example, output.example().get());
            written.add(example);
        }
        ignore(output.descriptor().resolveSibling(".gitignore"), output.gitignore());
        return written;
    }

    /** Created 0600 from the start, so the secrets are never readable by others, not even for a moment. */
    private static void writePrivate(Path file, String text) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PRIVATE));
        } catch (FileAlreadyExistsException e) {
            Files.setPosixFilePermissions(file, PRIVATE);
        }
        Files.writeString(file, text, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static void ignore(Path gitignore, List<String> names) throws IOException {
        if (names.isEmpty()) {
            return;
        }
        String existing = Files.exists(gitignore) ? Files.readString(gitignore) : "";
        List<String> lines = existing.lines().map(String::strip).toList();
        StringBuilder add = new StringBuilder();
        for (String name : names) {
            if (!lines.contains(name) && !lines.contains("/" + name)) {
                add.append(name).append('\n');
            }
        }
        if (!add.isEmpty()) {
            String separator = existing.isEmpty() || existing.endsWith("\n") ? "" : "\n";
            Files.writeString(gitignore, existing + separator + add);
        }
    }
}
