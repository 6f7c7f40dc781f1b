package dev.orchestrator.watch;

import io.methvin.watcher.visitor.FileTreeVisitor;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The directory watcher's walk (at start, and for every folder created later): it never enters a folder the
 * {@link SkipRules} skip, so no inotify watch is ever added there. Follows symlinks like discovery; a loop is not
 * followed. Remembers every folder it handed to the watcher, so tests (and {@code doctor}) can see what is watched.
 */
final class TreeVisitor implements FileTreeVisitor {

    private final SkipRules rules;
    private final Set<Path> visited = ConcurrentHashMap.newKeySet();

    TreeVisitor(SkipRules rules) {
        this.rules = rules;
    }

    Set<Path> visited() {
        return Set.copyOf(visited);
    }

    /** The folder was deleted: forget it and everything below it. */
    void forget(Path dir) {
        visited.removeIf(p -> p.startsWith(dir));
    }

    @Override
    public void recursiveVisitFiles(Path start, Callback onDirectory, Callback onFile) throws IOException {
        if (!Files.isDirectory(start)) {
            return;
        }
        Files.walkFileTree(start, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        if (rules.skipDir(dir)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        visited.add(dir);
                        onDirectory.call(dir);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        onFile.call(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE; // a loop, a vanished or unreadable entry: discovery reports it
                    }
                });
    }
}
