package dev.orchestrator.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;

/**
 * Private copies of plugin jars, named by content ({@code <name>-<sha256 prefix>.jar}), so overwriting or deleting a jar
 * in a plugin folder cannot break a plugin that is loaded (a class loader reads classes lazily from its jar). A copy is
 * never rewritten: the same name means the same bytes, so the daemon and a CLI call can share the folder. Copies not
 * used for {@link #STALE} are removed; one still open by a running orchestrator stays readable (Linux keeps an unlinked
 * open file).
 */
final class JarCache {

    static final Duration STALE = Duration.ofDays(30);

    private final Path dir;

    JarCache(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** Copies {@code jar} into the cache (one read, hashing as it goes) and returns the copy. */
    Path copy(Path jar) throws IOException {
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".copy-", ".tmp");
        try {
            MessageDigest sha = sha256();
            try (InputStream in = new DigestInputStream(Files.newInputStream(jar), sha);
                 OutputStream out = Files.newOutputStream(temp)) {
                in.transferTo(out);
            }
            Path target = dir.resolve(baseName(jar) + "-" + HexFormat.of().formatHex(sha.digest(), 0, 8) + ".jar");
            if (Files.isRegularFile(target)) {
                Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
                return target;
            }
            move(temp, target);
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // Another process cached the same bytes first: its copy is ours too.
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes copies (and torn temp files) older than {@link #STALE} that this load did not use; best effort. */
    void prune(Set<Path> inUse, Instant now) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (inUse.contains(file)) {
                    continue;
                }
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(now.minus(STALE))) {
                        Files.deleteIfExists(file);
                    }
                } catch (IOException e) {
                    // Another process may be pruning too; a copy that stays is harmless.
                }
            }
        } catch (IOException e) {
            // An unreadable cache folder only means no pruning.
        }
    }

    private static String baseName(Path jar) {
        String name = jar.getFileName().toString();
        String base = name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
        return base.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
