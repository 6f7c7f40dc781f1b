package dev.orchestrator.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native listing must tell discovery exactly what NIO would, only with fewer system calls. */
class NativeListingTest {

    @TempDir
    Path dir;

    private void mixedFolder() throws IOException {
        Files.createDirectories(dir.resolve("src/deep"));
        Files.createDirectories(dir.resolve("node_modules/x"));
        Files.writeString(dir.resolve("main.py"), "");
        Files.writeString(dir.resolve("café.py"), "");
        Files.writeString(dir.resolve(".orchestratorignore"), "tmp/\n");
        Files.createSymbolicLink(dir.resolve("link-to-src"), dir.resolve("src"));
        Files.createSymbolicLink(dir.resolve("link-to-main"), dir.resolve("main.py"));
        Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("gone"));
        Files.createSymbolicLink(dir.resolve("self"), dir.resolve("self"));
    }

    private static List<String> describe(FolderListing listing) {
        return java.util.stream.Stream.concat(
                // a folder's identity is what loop detection needs; a file's is never looked at
                listing.entries().stream().map(e -> e.name() + " folder=" + e.folder() + " file=" + e.file()
                        + (e.folder() ? " key=" + e.fileKey() : "")),
                listing.broken().stream().map(b -> b.name() + " broken " + b.error().getClass().getSimpleName()))
                .toList();
    }

    @Test
    void aFolderListsExactlyAsThroughNio() throws IOException {
        mixedFolder();
        FolderReader nio = Files::newDirectoryStream;

        for (Set<String> skipped : List.of(Set.<String>of(), Discovery.NEVER_WALKED)) {
            assertThat(describe(FolderListing.read(FolderReader.DEFAULT, dir, skipped)))
                    .isEqualTo(describe(FolderListing.read(nio, dir, skipped)));
        }
        assertThat(describe(FolderListing.read(FolderReader.DEFAULT, dir, Set.of()))).contains(
                "café.py folder=false file=true", "dangling broken NoSuchFileException",
                "self broken FileSystemException");
    }

    @Test
    void theNativeListingNamesEachEntryWithItsOwnType() throws IOException {
        mixedFolder();

        List<NativeListing.Name> names = NativeListing.list(dir);

        if (!NativeListing.available()) {
            assertThat(names).isNull(); // another OS, native access off, or file names not in UTF-8: NIO lists
            return;
        }
        assertThat(names).extracting(NativeListing.Name::name).containsExactlyInAnyOrder("src", "node_modules",
                "main.py", "café.py", ".orchestratorignore", "link-to-src", "link-to-main", "dangling", "self");
        assertThat(names).filteredOn(NativeListing.Name::folder).extracting(NativeListing.Name::name)
                .containsExactlyInAnyOrder("src", "node_modules");
        assertThat(names).filteredOn(NativeListing.Name::file).extracting(NativeListing.Name::name)
                .containsExactlyInAnyOrder("main.py", "café.py", ".orchestratorignore");
    }

    @Test
    void aMissingFolderOrAFileIsLeftToNioWhichSaysWhy() throws IOException {
        Files.writeString(dir.resolve("plain"), "");

        assertThat(NativeListing.list(dir.resolve("missing"))).isNull();
        assertThat(NativeListing.list(dir.resolve("plain"))).isNull();
    }

    @Test
    void anotherFileSystemIsLeftToNio() throws IOException {
        try (Tree tree = new Tree()) {
            assertThat(NativeListing.list(tree.path("services"))).isNull();
        }
    }
}
