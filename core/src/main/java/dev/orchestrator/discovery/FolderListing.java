package dev.orchestrator.discovery;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One folder's entries, read once: one directory listing and one {@code stat} (following links) per entry that is not
 * a plain file (the native listing tells those apart without one). Everything discovery decides about a folder comes
 * from this, so no path is looked at twice.
 */
record FolderListing(List<Entry> entries, List<Broken> broken) {

    /**
     * @param fileKey the target's identity for loop detection ({@link BasicFileAttributes#fileKey()}), looked at for
     *                folders only; may be null (always for plain files the native listing recognised)
     */
    record Entry(String name, Path path, boolean folder, boolean file, Object fileKey) {
    }

    /** An entry that could not be stat'ed: a dangling symlink, a link loop ({@code ELOOP}), a vanished file. */
    record Broken(String name, Path path, IOException error) {
    }

    /**
     * @param skipped names that are left out without a {@code stat}, where nothing needs to know what they are (a
     *                {@code node_modules} inside a service is never walked nor explained): a tenth of a large walk
     */
    static FolderListing read(FolderReader reader, Path folder, Set<String> skipped) throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<Broken> broken = new ArrayList<>();
        List<NativeListing.Name> names = reader == FolderReader.DEFAULT ? NativeListing.list(folder) : null;
        if (names != null) {
            for (NativeListing.Name n : names) {
                if (!skipped.contains(n.name())) {
                    // a plain file needs no stat; a folder does, for its identity (loops); links and the rest too
                    add(folder.resolve(n.name()), n.file(), entries, broken);
                }
            }
        } else {
            try (DirectoryStream<Path> stream = reader.open(folder)) {
                for (Path p : stream) {
                    if (!skipped.contains(p.getFileName().toString())) {
                        add(p, false, entries, broken);
                    }
                }
            } catch (DirectoryIteratorException e) {
                throw e.getCause();
            }
        }
        entries.sort(Comparator.comparing(Entry::name));
        broken.sort(Comparator.comparing(Broken::name));
        return new FolderListing(List.copyOf(entries), List.copyOf(broken));
    }

    /** Stats the entry (following links) unless the listing said it is a regular file itself (not a link). */
    private static void add(Path p, boolean plainFile, List<Entry> entries, List<Broken> broken) {
        String name = p.getFileName().toString();
        if (plainFile) {
            entries.add(new Entry(name, p, false, true, null));
            return;
        }
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            // one bad entry must not make the whole folder unreadable
            broken.add(new Broken(name, p, e));
            return;
        }
        entries.add(new Entry(name, p, a.isDirectory(), a.isRegularFile(), a.fileKey()));
    }

    List<Entry> folders() {
        return entries.stream().filter(Entry::folder).toList();
    }

    boolean hasFile(String name) {
        return entries.stream().anyMatch(e -> e.file() && e.name().equals(name));
    }
}
