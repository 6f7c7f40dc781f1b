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
 * The plugins' file probes for one project load ({@code HostContext.isFile} and friends). A folder probed often (an
 * ancestor every app shares, an app folder detection looks at) is listed once, at its {@value #LIST_AFTER}th probe or
 * when a plugin lists it; from then on it answers for every name it lacks without a system call, and for paths one
 * level below such a name ({@code .venv/bin/python} without {@code .venv}). A folder probed only a few times
 * ({@code src/}, a descriptor app's folder) is cheaper to stat into directly: those probes pass through, and only the
 * entries found are kept. Each entry found is stat'ed once. Answers are a snapshot: a file that appears during the
 * load may be missed; the next load (a new instance) sees it. Thread-safe: each folder is listed at most once.
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

        /** What an entry known to exist is (a listing named it). */
        Kind kind(Path path);

        /** Whether {@code path} is of {@code kind} ({@code FILE} or {@code FOLDER}): one system call, no exception. */
        boolean is(Path path, Kind kind);

        boolean executable(Path path);
    }

    /** Probes into a folder that make it worth listing: a listing costs about as much as this many stats. */
    static final int LIST_AFTER = 8;

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

    /** Whether {@code folder/name} is a {@code FILE} or a {@code FOLDER}; {@code name} may be a relative path. */
    boolean is(Path folder, String name, Kind wanted) {
        int slash = name.indexOf('/');
        if (slash >= 0 || name.isEmpty() || dots(name)) {
            Folder known = slash > 0 ? folders.get(folder) : null;
            Listing listing = known == null ? null : known.listing;
            if (listing != null && !dots(name.substring(0, slash)) && listing.rulesOut(name.substring(0, slash))) {
                return false; // "src/index.ts" in a folder without src
            }
            return is(folder.resolve(name), wanted);
        }
        Folder entry = folders.get(folder);
        if (entry == null) {
            if (ruledOut(folder)) {
                return false; // below a name a listing lacks: no folder entry, no system call
            }
            entry = folders.computeIfAbsent(folder, Folder::new);
        }
        Map<String, Kind> kinds = entry.kinds;
        Kind known = kinds == null ? null : kinds.get(name);
        if (known != null) {
            return known == wanted;
        }
        Listing listing = entry.listing;
        if (listing == null) {
            if (entry.probes.incrementAndGet() < LIST_AFTER) {
                // rarely probed so far: ask just this; keep what exists (few), not the many names that do not
                boolean is = !ruledOut(folder) && disk.is(folder.resolve(name), wanted);
                if (is) {
                    entry.kinds().putIfAbsent(name, wanted);
                }
                return is;
            }
            listing = entry.list();
        }
        return !listing.rulesOut(name)
                && entry.kinds().computeIfAbsent(name, n -> disk.kind(folder.resolve(n))) == wanted;
    }

    /** Whether {@code path} is a {@code FILE} or a {@code FOLDER}. */
    boolean is(Path path, Kind wanted) {
        Path parent = path.getParent();
        Path fileName = path.getFileName();
        if (parent == null || fileName == null || dots(fileName.toString())) {
            return others.computeIfAbsent(path, p -> disk.is(p, Kind.FILE) ? Kind.FILE
                    : disk.is(p, Kind.FOLDER) ? Kind.FOLDER : Kind.MISSING) == wanted;
        }
        return is(parent, fileName.toString(), wanted);
    }

    boolean executableFile(Path folder, String name) {
        return is(folder, name, Kind.FILE) && executables.computeIfAbsent(folder.resolve(name), disk::executable);
    }

    /** The folder's entry names, sorted; empty when it is missing, not a folder, or unreadable. */
    List<String> list(Path folder) {
        if (ruledOut(folder)) {
            return List.of();
        }
        return folders.computeIfAbsent(folder, Folder::new).list().sorted();
    }

    /**
     * Whether the listing of {@code path}'s parent, when made, lacks it. One level only: walking further up costs more
     * (a path object per level) than the stat it would save.
     */
    private boolean ruledOut(Path path) {
        Path parent = path.getParent();
        Folder folder = parent == null ? null : folders.get(parent);
        Listing listing = folder == null ? null : folder.listing;
        if (listing == null) {
            return false;
        }
        String name = path.getFileName().toString();
        return !dots(name) && listing.rulesOut(name); // "a/.." means what the file system says
    }

    private static boolean dots(String name) {
        return name.equals(".") || name.equals("..");
    }

    /** One folder: how often it was probed, its listing once made, and the kinds of the entries stat'ed in it. */
    private final class Folder {
        final Path path;
        final AtomicInteger probes = new AtomicInteger();
        /** Kinds of the present names stat'ed here; made on first use. */
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
        public boolean is(Path path, Kind kind) {
            // Files.isRegularFile and isDirectory do not throw for a missing path; readAttributes would, and an
            // exception per missing marker costs more than the stat
            return kind == Kind.FILE ? Files.isRegularFile(path) : kind == Kind.FOLDER && Files.isDirectory(path);
        }

        @Override
        public boolean executable(Path path) {
            return Files.isExecutable(path);
        }
    }
}
