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
 * One folder's entries, read once: one directory listing and one {@code stat} (following links) per entry. Everything
 * discovery decides about a folder comes from this, so no path is looked at twice.
 */
record FolderListing(List<Entry> entries, List<Broken> broken) {

    /**
     * @param fileKey the target's identity for loop detection ({@link BasicFileAttributes#fileKey()}), may be null
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
        try (DirectoryStream<Path> stream = reader.open(folder)) {
            for (Path p : stream) {
                if (!skipped.isEmpty() && skipped.contains(p.getFileName().toString())) {
                    continue;
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class);
                } catch (IOException e) {
                    // one bad entry must not make the whole folder unreadable
                    broken.add(new Broken(p.getFileName().toString(), p, e));
                    continue;
                }
                entries.add(new Entry(p.getFileName().toString(), p, a.isDirectory(), a.isRegularFile(), a.fileKey()));
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        entries.sort(Comparator.comparing(Entry::name));
        broken.sort(Comparator.comparing(Broken::name));
        return new FolderListing(List.copyOf(entries), List.copyOf(broken));
    }

    List<Entry> folders() {
        return entries.stream().filter(Entry::folder).toList();
    }

    boolean hasFile(String name) {
        return entries.stream().anyMatch(e -> e.file() && e.name().equals(name));
    }
}
