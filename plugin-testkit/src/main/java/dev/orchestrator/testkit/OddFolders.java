package dev.orchestrator.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Folders a plugin's {@code detect} meets in real monorepos: its marker files unreadable, empty, binary, folders or
 * symlink loops; a loop in the folder itself; a path that is a file, or that does not exist.
 */
final class OddFolders {

    private OddFolders() {
    }

    /** Creates the odd folders under {@code base}, using {@code hints} as the marker names ({@code *} becomes "app"). */
    static List<Path> create(Path base, List<String> hints) throws IOException {
        List<String> names = hints.stream().map(h -> h.replace("*", "app")).filter(h -> !h.isBlank()).toList();
        List<Path> folders = new ArrayList<>();
        folders.add(base.resolve("does-not-exist"));
        folders.add(Files.writeString(Files.createDirectories(base).resolve("a-file"), "not a folder"));
        folders.add(withMarkers(base.resolve("unreadable"), names, file -> {
            Files.writeString(file, "{}");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        }));
        folders.add(withMarkers(base.resolve("empty-markers"), names, Files::createFile));
        folders.add(withMarkers(base.resolve("binary-markers"), names,
                file -> Files.write(file, new byte[] {0, (byte) 0xff, '{', '"', (byte) 0xc3, 0x28, '\n'})));
        folders.add(withMarkers(base.resolve("marker-folders"), names, Files::createDirectories));
        folders.add(withMarkers(base.resolve("marker-loops"), names,
                file -> Files.createSymbolicLink(file, file.getFileName())));
        Path loops = Files.createDirectories(base.resolve("symlink-loops"));
        Files.createSymbolicLink(loops.resolve("self"), Path.of("."));
        Files.createSymbolicLink(loops.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(loops.resolve("b"), Path.of("a"));
        Files.createSymbolicLink(loops.resolve("dangling"), Path.of("nowhere"));
        folders.add(loops);
        return folders;
    }

    private interface Marker {
        void make(Path file) throws IOException;
    }

    private static Path withMarkers(Path folder, List<String> names, Marker marker) throws IOException {
        Files.createDirectories(folder);
        for (String name : names) {
            Path file = folder.resolve(name);
            Files.createDirectories(file.getParent());
            marker.make(file);
        }
        return folder;
    }
}
