package dev.orchestrator.plugin;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The plugins' file probes for one project load ({@code HostContext.isFile} and friends). Each path is looked at once
 * per load; a folder probed three times or more (an app folder, an ancestor every app shares) is listed once and
 * answers for every name it lacks without a system call, and for every path below such a missing name. A folder probed
 * once or twice ({@code src/}) is cheaper to stat into directly, so it is not listed. Answers are a snapshot: a file
 * that appears during the load may be missed, and the next load (a new instance) sees it. Thread-safe.
 */
final class FileProbes {

    /** What a path is, following links. */
    enum Kind { MISSING, FILE, FOLDER, OTHER }

    /** A folder's entry names, sorted; {@code names} is null when the folder exists but cannot be read. */
    record Listing(boolean exists, String[] names) {
        static final Listing MISSING = new Listing(false, new String[0]);
        static final Listing UNREADABLE = new Listing(true, null);

        /** Whether this listing proves there is no entry {@code name}. */
        boolean rulesOut(String name) {
            return !exists || (names != null && Arrays.binarySearch(names, name) < 0);
        }

        List<String> sorted() {
            return names == null ? List.of() : List.of(names);
        }
    }

    /** The system calls behind the probes; tests count them. */
    interface Disk {
        Listing list(Path folder);

        Kind kind(Path path);

        boolean executable(Path path);
    }

    /** Probes into a folder before it is listed rather than each probe stat'ing. */
    static final int LIST_AFTER = 3;

    private final Disk disk;
    /** Every folder probes looked into, by path; what is known about its entries. */
    private final Map<Path, Folder> folders = new ConcurrentHashMap<>(1 << 12);
    /** Paths without a parent or a name ("/", ""): asked rarely, cached apart. */
    private final Map<Path, Kind> others = new ConcurrentHashMap<>();
    private final Map<Path, Boolean> executables = new ConcurrentHashMap<>();

    FileProbes(Disk disk) {
        this.disk = disk;
    }

    /** The file system itself. */
    static final Disk FILE_SYSTEM = new RealDisk();

    static FileProbes ofFileSystem() {
        return new FileProbes(FILE_SYSTEM);
    }

    /** What {@code folder/name} is; {@code name} may be a relative path ({@code src/index.ts}). */
    Kind kind(Path folder, String name) {
        int slash = name.indexOf('/');
        if (slash >= 0 || name.isEmpty() || dots(name)) {
            Folder known = slash > 0 ? folders.get(folder) : null;
            Listing listing = known == null ? null : known.listing;
            if (listing != null && !dots(name.substring(0, slash)) && listing.rulesOut(name.substring(0, slash))) {
                return Kind.MISSING; // "src/index.ts" in a folder without src
            }
            return kind(folder.resolve(name));
        }
        Folder entry = folders.get(folder);
        if (entry == null) {
            if (ruledOut(folder)) {
                return Kind.MISSING; // below a name a listing lacks: no folder entry, no system call
            }
            entry = folders.computeIfAbsent(folder, Folder::new);
        }
        Map<String, Kind> kinds = entry.kinds;
        Kind known = kinds == null ? null : kinds.get(name);
        if (known != null) {
            return known;
        }
        Listing listing = entry.listing;
        if (listing == null && entry.probes.incrementAndGet() >= LIST_AFTER) {
            listing = entry.list();
        }
        boolean missing = listing != null ? listing.rulesOut(name) : ruledOut(folder);
        return missing ? Kind.MISSING : entry.kinds().computeIfAbsent(name, n -> disk.kind(folder.resolve(n)));
    }

    /** What {@code path} is. */
    Kind kind(Path path) {
        Path parent = path.getParent();
        Path fileName = path.getFileName();
        if (parent == null || fileName == null || dots(fileName.toString())) {
            return others.computeIfAbsent(path, disk::kind);
        }
        return kind(parent, fileName.toString());
    }

    boolean executableFile(Path folder, String name) {
        return kind(folder, name) == Kind.FILE && executables.computeIfAbsent(folder.resolve(name), disk::executable);
    }

    /** The folder's entry names, sorted; empty when it is missing, not a folder, or unreadable. */
    List<String> list(Path folder) {
        if (ruledOut(folder)) {
            return List.of();
        }
        return folders.computeIfAbsent(folder, Folder::new).list().sorted();
    }

    /** Whether a listing already made shows {@code path} cannot exist: its parent's, or a missing ancestor's. */
    private boolean ruledOut(Path path) {
        for (Path p = path; ; p = p.getParent()) {
            Path parent = p.getParent();
            Path fileName = p.getFileName();
            if (parent == null || fileName == null || dots(fileName.toString())) {
                return false; // "a/../b" means what the file system says: only a listing of the folder itself answers
            }
            Folder folder = folders.get(parent);
            Listing listing = folder == null ? null : folder.listing;
            if (listing != null) {
                return listing.rulesOut(fileName.toString());
            }
        }
    }

    private static boolean dots(String name) {
        return name.equals(".") || name.equals("..");
    }

    /** One folder: how often it was probed, its listing once made, and the kinds of the entries stat'ed in it. */
    private final class Folder {
        final Path path;
        final AtomicInteger probes = new AtomicInteger();
        /** Kinds of the names stat'ed here (present ones, or any before the listing); made on first use. */
        volatile Map<String, Kind> kinds;
        volatile Listing listing;

        Folder(Path path) {
            this.path = path;
        }

        Map<String, Kind> kinds() {
            Map<String, Kind> known = kinds;
            if (known == null) {
                synchronized (this) {
                    known = kinds;
                    if (known == null) {
                        known = new ConcurrentHashMap<>(4);
                        kinds = known;
                    }
                }
            }
            return known;
        }

        /** Lists the folder once; a thread that comes second waits for the first one's answer. */
        Listing list() {
            Listing known = listing;
            if (known == null) {
                synchronized (this) {
                    known = listing;
                    if (known == null) {
                        known = disk.list(path);
                        listing = known;
                    }
                }
            }
            return known;
        }
    }

    private static final class RealDisk implements Disk {

        @Override
        public Listing list(Path folder) {
            List<String> names = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
                entries.forEach(entry -> names.add(entry.getFileName().toString()));
            } catch (NoSuchFileException | NotDirectoryException e) {
                return Listing.MISSING;
            } catch (IOException | DirectoryIteratorException e) {
                return Listing.UNREADABLE; // probes stat each path instead
            }
            String[] sorted = names.toArray(String[]::new);
            Arrays.sort(sorted);
            return new Listing(true, sorted);
        }

        @Override
        public Kind kind(Path path) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                return attributes.isRegularFile() ? Kind.FILE : attributes.isDirectory() ? Kind.FOLDER : Kind.OTHER;
            } catch (IOException | SecurityException e) {
                return Kind.MISSING;
            }
        }

        @Override
        public boolean executable(Path path) {
            return Files.isExecutable(path);
        }
    }
}
