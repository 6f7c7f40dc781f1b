package dev.orchestrator.logs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * File moves for rotation: {@code x.log -> x.log.1}, older ones shifted up ({@code .gz} ones too), those beyond
 * {@code retain} deleted. Callers hold the sink's lock, so the names never move under a compression in progress.
 */
final class Rotation {
    private static final AtomicLong TEMP_COUNTER = new AtomicLong();

    private Rotation() {
    }

    /** Shifts the rotated files and moves {@code path} to {@code path.1}; returns it, or null when retain is 0. */
    static Path shift(Path path, int retain) throws IOException {
        if (retain == 0) {
            Files.delete(path);
            return null;
        }
        Files.deleteIfExists(numbered(path, retain, false));
        Files.deleteIfExists(numbered(path, retain, true));
        for (int i = retain - 1; i >= 1; i--) {
            moveIfExists(numbered(path, i, false), numbered(path, i + 1, false));
            moveIfExists(numbered(path, i, true), numbered(path, i + 1, true));
        }
        Path first = numbered(path, 1, false);
        Files.move(path, first, StandardCopyOption.ATOMIC_MOVE);
        return first;
    }

    /** Where the rotated file with this identity lives now ({@code path.1} ... {@code path.retain}), or null. */
    static Path locate(Path path, int retain, Object fileKey) {
        for (int i = 1; i <= retain; i++) {
            Path candidate = numbered(path, i, false);
            try {
                if (Files.exists(candidate) && fileKey.equals(Files.readAttributes(candidate,
                        java.nio.file.attribute.BasicFileAttributes.class).fileKey())) {
                    return candidate;
                }
            } catch (IOException e) {
                // moved or deleted while we looked: keep looking
            }
        }
        return null;
    }

    /** Gzips {@code source} into a temporary file next to it, returning the temporary file. No lock needed. */
    static Path gzipToTemp(Path source) throws IOException {
        Path temp = source.resolveSibling(source.getFileName() + ".compressing-" + TEMP_COUNTER.incrementAndGet());
        try (InputStream in = Files.newInputStream(source);
                OutputStream out = new GZIPOutputStream(Files.newOutputStream(temp), 1 << 16)) {
            in.transferTo(out);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    static Path numbered(Path path, int i, boolean gz) {
        return path.resolveSibling(path.getFileName() + "." + i + (gz ? ".gz" : ""));
    }

    private static void moveIfExists(Path from, Path to) throws IOException {
        if (Files.exists(from)) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
