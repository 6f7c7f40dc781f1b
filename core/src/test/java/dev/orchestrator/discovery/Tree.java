package dev.orchestrator.discovery;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;

/** A project tree in Jimfs: {@code tree.files("services/a/main.py", "services/b/")} (a trailing / makes a folder). */
final class Tree implements AutoCloseable {

    final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
    final Path root = fs.getPath("/mono");

    /** Both default scan roots exist, so explanations are not cluttered with "scan root not found". */
    Tree() {
        files("services/", "agents/");
    }

    Tree files(String... paths) {
        try {
            for (String p : paths) {
                Path path = root.resolve(p);
                if (p.endsWith("/")) {
                    Files.createDirectories(path);
                } else {
                    Files.createDirectories(path.getParent());
                    Files.writeString(path, "");
                }
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Tree write(String path, String content) {
        try {
            Files.createDirectories(root.resolve(path).getParent());
            Files.writeString(root.resolve(path), content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Tree link(String path, String target) {
        try {
            Files.createDirectories(root.resolve(path).getParent());
            Files.createSymbolicLink(root.resolve(path), fs.getPath(target));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Tree delete(String rel) {
        try {
            Files.delete(root.resolve(rel));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path(String rel) {
        return root.resolve(rel);
    }

    @Override
    public void close() throws IOException {
        fs.close();
    }
}
