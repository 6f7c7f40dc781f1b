package dev.orchestrator.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Everything in a folder tree (paths, kinds, contents, modification times), to prove a call wrote nothing. */
final class FolderSnapshot {

    private FolderSnapshot() {
    }

    /** One line per entry, keyed by relative path; symlinks are recorded, not followed. */
    static Map<String, String> of(Path root) {
        Map<String, String> entries = new TreeMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    entries.put(root.relativize(dir).toString() + "/", "dir " + attrs.lastModifiedTime());
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    entries.put(root.relativize(file).toString(), describe(file, attrs));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    entries.put(root.relativize(file).toString(), "unreadable " + e.getClass().getSimpleName());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static String describe(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isSymbolicLink()) {
            return "link -> " + Files.readSymbolicLink(file);
        }
        String kind = "file " + attrs.size() + " bytes, modified " + attrs.lastModifiedTime();
        if (!Files.isReadable(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return kind;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return kind + ", sha256 " + HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            return kind;
        }
    }
}
