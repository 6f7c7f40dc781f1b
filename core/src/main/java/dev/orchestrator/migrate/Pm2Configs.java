package dev.orchestrator.migrate;

import dev.orchestrator.discovery.Discovery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds every PM2 config of a tree: {@code ecosystem.config.js}, {@code .cjs}, {@code .mjs} and {@code .json}. Skips the
 * folders discovery never walks (node_modules, .git, virtualenvs...), plus the orchestrator's state and logs folders.
 */
public final class Pm2Configs {

    /** The file names PM2 users give their configs. */
    public static final List<String> NAMES = List.of("ecosystem.config.js", "ecosystem.config.cjs",
            "ecosystem.config.mjs", "ecosystem.config.json");

    private Pm2Configs() {
    }

    /** The configs under {@code root}, sorted by path; {@code skip} holds further folders not to enter. */
    public static List<Path> find(Path root, Set<Path> skip) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    Path name = dir.getFileName();
                    boolean never = !dir.equals(root) && name != null
                            && (Discovery.NEVER_WALKED.contains(name.toString()) || skip.contains(dir));
                    return never ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && NAMES.contains(file.getFileName().toString())) {
                        found.add(file.toAbsolutePath().normalize());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // an unreadable folder holds nothing we can import
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk " + root, e);
        }
        found.sort(null);
        return found;
    }
}
