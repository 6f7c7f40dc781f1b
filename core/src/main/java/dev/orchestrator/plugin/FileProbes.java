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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** A folder's entry names; {@code names} is null when the folder exists but cannot be read. */
    record Listing(boolean exists, Set<String> names, List<String> sorted) {
        static final Listing MISSING = new Listing(false, Set.of(), List.of());
        static final Listing UNREADABLE = new Listing(true, null, List.of());

        /** Whether this listing proves there is no entry {@code name}. */
        boolean rulesOut(String name) {
            return !exists || (names != null && !names.contains(name));
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

    Kind kind(Path path) {
        Path parent = path.getParent();
        Path fileName = path.getFileName();
        if (parent == null || fileName == null) {
            return others.computeIfAbsent(path, disk::kind);
        }
        String name = fileName.toString();
        Folder folder = folders.get(parent);
        if (folder == null) {
            if (ruledOut(parent)) {
                return Kind.MISSING; // below a name a listing lacks: no folder entry, no system call
            }
            folder = folders.computeIfAbsent(parent, Folder::new);
        }
        Kind known = folder.kinds.get(name);
        if (known != null) {
            return known;
        }
        Listing listing = folder.listing;
        if (listing == null && folder.probes.incrementAndGet() >= LIST_AFTER) {
            listing = folder.list();
        }
        boolean missing = listing != null ? !dots(name) && listing.rulesOut(name) : ruledOut(parent);
        return missing ? Kind.MISSING : folder.kinds.computeIfAbsent(name, n -> disk.kind(path));
    }

    boolean executableFile(Path path) {
        return kind(path) == Kind.FILE && executables.computeIfAbsent(path, disk::executable);
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
        final Map<String, Kind> kinds = new ConcurrentHashMap<>(4);
        volatile Listing listing;

        Folder(Path path) {
            this.path = path;
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
            names.sort(null);
            return new Listing(true, new HashSet<>(names), List.copyOf(names));
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
