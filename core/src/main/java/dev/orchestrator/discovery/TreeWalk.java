package dev.orchestrator.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One walk over the scan roots; single use. The first-level folders of a scan root are walked by sub-walks on the
 * common pool, each with its own results. Depth counts from the scan root (its children are depth 1).
 * A folder is a drop-in candidate at depth 1, and at depth 2 under a first-level folder that is not a service.
 */
final class TreeWalk {

    static final Set<String> NEVER_WALKED = Discovery.NEVER_WALKED;
    static final List<String> DESCRIPTOR_NAMES = List.of("ecosystem.json", "ecosystem.yaml", "ecosystem.yml");
    static final String IGNORE_FILE = ".orchestratorignore";

    /** The folders on the way from the scan root down to the current folder, for loop detection. */
    private record Ancestor(Object key, Path path, String rel, Ancestor parent) {
    }

    private final DiscoverySettings settings;
    private final DropInDetector detector;
    private final FolderReader reader;
    private final Path root;
    private final Path logsDir;
    private final Path stateDir;
    private final Set<Path> scanRoots = new HashSet<>();
    private final WalkResults out;

    TreeWalk(DiscoverySettings settings, DropInDetector detector, FolderReader reader) {
        this.settings = settings;
        this.detector = detector;
        this.reader = reader;
        this.root = settings.root().toAbsolutePath().normalize();
        this.logsDir = settings.logsDir().toAbsolutePath().normalize();
        this.stateDir = settings.stateDir().toAbsolutePath().normalize();
        this.out = new WalkResults(root);
    }

    /** A walk of one first-level subtree, on another thread: the same settings, its own results. */
    private TreeWalk(TreeWalk parent) {
        this.settings = parent.settings;
        this.detector = parent.detector;
        this.reader = parent.reader;
        this.root = parent.root;
        this.logsDir = parent.logsDir;
        this.stateDir = parent.stateDir;
        this.scanRoots.addAll(parent.scanRoots);
        this.out = new WalkResults(root);
    }

    DiscoveryResult run() {
        List<Path> roots = settings.scanRoots().stream().map(p -> root.resolve(p).normalize()).distinct().toList();
        scanRoots.addAll(roots);
        IgnoreRules base = IgnoreRules.NONE
                .push(IgnoreFile.parse(IgnoreFile.SETTINGS_SOURCE, "", settings.ignoreGlobs()));
        for (Path scanRoot : roots) {
            walkScanRoot(scanRoot, base);
        }
        return out.result();
    }

    private void walkScanRoot(Path scanRoot, IgnoreRules base) {
        String rel = out.rel(scanRoot);
        if (!Files.isDirectory(scanRoot)) {
            out.explain(scanRoot, Verdict.SKIPPED, Files.exists(scanRoot) ? "scan root is not a folder" : "scan root not found");
            return;
        }
        IgnoreRules rules = ignoreFilesAbove(scanRoot, base);
        Optional<IgnoreRules.Hit> ignored = rules.ignored(rel, true);
        if (ignored.isPresent()) {
            out.explain(scanRoot, Verdict.IGNORED, ignored.get().describe());
            return;
        }
        Object key = fileKey(scanRoot);
        visit(scanRoot, rel, 0, false, rules, new Ancestor(key, scanRoot, rel, null));
    }

    /** The {@code .orchestratorignore} files from the project root down to the scan root's parent. */
    private IgnoreRules ignoreFilesAbove(Path scanRoot, IgnoreRules rules) {
        if (!scanRoot.startsWith(root)) {
            return rules;
        }
        List<Path> chain = new ArrayList<>();
        for (Path dir = scanRoot.getParent(); dir != null && dir.startsWith(root); dir = dir.getParent()) {
            chain.addFirst(dir);
        }
        for (Path dir : chain) {
            if (Files.isRegularFile(dir.resolve(IGNORE_FILE))) {
                rules = readIgnoreFile(dir, out.rel(dir), rules);
            }
        }
        return rules;
    }

    private void visit(Path dir, String rel, int depth, boolean insideService, IgnoreRules inherited, Ancestor self) {
        FolderListing listing;
        try {
            // built-in skips are explained only where a user could expect a service (see visitChild); elsewhere
            // they need no stat at all
            boolean explainSkips = !insideService && depth + 1 <= 2;
            listing = FolderListing.read(reader, dir, explainSkips ? Set.of() : NEVER_WALKED);
        } catch (IOException e) {
            out.warn(dir, "folder '" + rel + "' is unreadable: " + describe(e)
                    + "; skipped (fix its permissions or add it to " + IGNORE_FILE + ")");
            out.explain(dir, Verdict.SKIPPED, "unreadable: " + describe(e));
            return;
        }
        IgnoreRules rules = listing.hasFile(IGNORE_FILE) ? readIgnoreFile(dir, rel, inherited) : inherited;
        boolean service = insideService | classify(dir, rel, depth, insideService, listing, rules);
        List<FolderListing.Entry> folders = listing.folders();
        if (depth == 0 && folders.size() > 1) {
            visitInParallel(folders, rel, service, rules, self);
        } else {
            for (FolderListing.Entry child : folders) {
                visitChild(child, rel + "/" + child.name(), depth + 1, service, rules, self);
            }
        }
        for (FolderListing.Broken b : listing.broken()) {
            reportBroken(b, rel + "/" + b.name(), !service && depth + 1 <= 2, rules);
        }
    }

    /**
     * The first-level folders of a scan root, walked on the common pool: most of a walk is system calls (a listing
     * per folder, a stat per entry, the plugins' probes), so two cores halve it. Each subtree collects into its own
     * results, appended in listing order, so the outcome is the same as a walk on one thread.
     */
    private void visitInParallel(List<FolderListing.Entry> folders, String rel, boolean service, IgnoreRules rules,
                                 Ancestor self) {
        List<WalkResults> parts = folders.parallelStream().map(child -> {
            TreeWalk part = new TreeWalk(this);
            part.visitChild(child, rel + "/" + child.name(), 1, service, rules, self);
            return part.out;
        }).toList();
        parts.forEach(out::addAll);
    }

    /**
     * A self-referencing link is a loop and always reported. A dangling link is reported only where a service link is
     * plausible (depth 1 and 2): deeper ones are usually editor lock files ({@code .#x.py}) or stale build links.
     */
    private void reportBroken(FolderListing.Broken b, String rel, boolean candidateDepth, IgnoreRules rules) {
        if (NEVER_WALKED.contains(b.name()) || rules.ignored(rel, true).isPresent()) {
            return;
        }
        boolean link = Files.isSymbolicLink(b.path());
        if (b.error() instanceof NoSuchFileException) {
            if (link && candidateDepth) {
                String target = linkTarget(b.path());
                out.warn(b.path(), "symlink '" + rel + "' points to '" + target + "', which does not exist; "
                        + "skipped (fix or remove the link)");
                out.explain(b.path(), Verdict.SKIPPED, "dangling symlink to " + target);
            }
            return;
        }
        String what = link ? "symlink '" + rel + "' cannot be followed: " : "entry '" + rel + "' cannot be read: ";
        out.warn(b.path(), what + describe(b.error()) + "; skipped (fix or remove it)");
        out.explain(b.path(), Verdict.SKIPPED, (link ? "unfollowable symlink: " : "unreadable: ") + describe(b.error()));
    }

    /** Records the folder's descriptors or drop-in verdict; true when the folder is a service. */
    private boolean classify(Path dir, String rel, int depth, boolean insideService, FolderListing listing,
                             IgnoreRules rules) {
        List<FolderListing.Entry> descriptors = listing.entries().stream()
                .filter(e -> e.file() && DESCRIPTOR_NAMES.contains(e.name()))
                .filter(e -> rules.ignored(rel + "/" + e.name(), false).isEmpty())
                .toList();
        if (descriptors.size() == 1) {
            out.descriptor(descriptors.getFirst().path());
            out.explain(dir, Verdict.DESCRIPTOR, "descriptor " + descriptors.getFirst().name());
            return true;
        }
        if (descriptors.size() > 1) {
            String names = String.join(" and ", descriptors.stream().map(FolderListing.Entry::name).toList());
            out.error(descriptors.getFirst().path(), "folder '" + rel + "' has " + descriptors.size()
                    + " descriptors: " + names + "; keep one (none of them is loaded)");
            out.explain(dir, Verdict.DESCRIPTOR, "descriptors " + names + " conflict: none is loaded");
            return true;
        }
        boolean candidate = !insideService && (depth == 1 || depth == 2);
        return candidate && detectDropIn(dir, rel, depth);
    }

    private boolean detectDropIn(Path dir, String rel, int depth) {
        if (!settings.detect()) {
            out.explain(dir, Verdict.NOT_RECOGNISED, "drop-in detection is off (detect: false)");
            return false;
        }
        DropInDetector.Outcome outcome = detector.detect(dir, (id, e) -> out.warn(dir, "plugin '" + id
                + "' failed to detect '" + rel + "': " + describe(e) + "; its answer is ignored"));
        if (outcome.tie()) {
            String tied = DropInDetector.listTied(outcome.top());
            String remedy = "add an ecosystem.yaml naming runtime:";
            out.warn(dir, "drop-in '" + rel + "' is ambiguous: tie between " + tied + "; " + remedy);
            out.explain(dir, Verdict.TIE, "tie between " + tied + "; " + remedy);
            return true;
        }
        if (outcome.recognised()) {
            DropInDetector.Vote winner = outcome.top().getFirst();
            out.dropIn(new DropIn(dir, winner.runtimeId(), winner.detection()));
            out.explain(dir, Verdict.DROP_IN,
                    "drop-in " + winner.runtimeId() + " (" + winner.detection().reason() + ")");
            return true;
        }
        if (depth == 1) {
            out.explain(dir, Verdict.GROUP, "group: no plugin recognised it, so its sub-folders are candidates");
        } else {
            out.explain(dir, Verdict.NOT_RECOGNISED, "not recognised by any plugin (" + detector.pluginIds() + ")");
        }
        return false;
    }

    private void visitChild(FolderListing.Entry child, String rel, int depth, boolean insideService,
                            IgnoreRules rules, Ancestor parent) {
        Path path = child.path();
        // explain built-in skips only where a user could expect a service; inside services they are just noise
        boolean visible = !insideService && depth <= 2;
        if (NEVER_WALKED.contains(child.name())) {
            if (visible) {
                out.explain(path, Verdict.SKIPPED, "skipped: " + child.name() + " is never scanned");
            }
            return;
        }
        if (path.equals(logsDir) || path.equals(stateDir)) {
            String what = path.equals(logsDir) ? "the logs folder" : "the orchestrator's state folder";
            out.explain(path, Verdict.SKIPPED, "skipped: " + what);
            return;
        }
        if (scanRoots.contains(path)) {
            return; // a nested scan root is walked on its own, with its own depths
        }
        Optional<IgnoreRules.Hit> ignored = rules.ignored(rel, true);
        if (ignored.isPresent()) {
            out.explain(path, Verdict.IGNORED, ignored.get().describe());
            return;
        }
        Object key = child.fileKey();
        Optional<Ancestor> again = repeated(key, path, parent);
        if (again.isPresent()) {
            reportLoop(path, rel, again.get());
            return;
        }
        visit(path, rel, depth, insideService, rules, new Ancestor(key, path, rel, parent));
    }

    private Optional<Ancestor> repeated(Object key, Path path, Ancestor chain) {
        for (Ancestor a = chain; a != null; a = a.parent()) {
            if (key != null && a.key() != null ? key.equals(a.key()) : sameFile(path, a.path())) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Names the link that closes the loop: the folder itself, or the deepest symlink on its way. */
    private void reportLoop(Path path, String rel, Ancestor ancestor) {
        Path link = path;
        while (link != null && link.startsWith(root) && !Files.isSymbolicLink(link)) {
            link = link.getParent();
        }
        link = link == null || !link.startsWith(root) ? path : link;
        String linkRel = out.rel(link);
        String how = link.equals(path) ? "it leads back to '" + ancestor.rel() + "'"
                : "'" + rel + "' leads back to '" + ancestor.rel() + "'";
        out.warn(path, "symlink '" + linkRel + "' makes a loop: " + how
                + "; not followed (remove the link or add it to " + IGNORE_FILE + ")");
        out.explain(path, Verdict.SKIPPED, "symlink loop: leads back to " + ancestor.rel());
    }

    private IgnoreRules readIgnoreFile(Path dir, String rel, IgnoreRules rules) {
        Path file = dir.resolve(IGNORE_FILE);
        String source = rel.isEmpty() ? IGNORE_FILE : rel + "/" + IGNORE_FILE;
        try {
            return rules.push(IgnoreFile.parse(source, rel, Files.readAllLines(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            out.warn(file, "ignore file '" + source + "' is unreadable: " + describe(e) + "; its patterns are not applied");
            return rules;
        }
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "?";
        }
    }

    private static Object fileKey(Path dir) {
        try {
            return Files.readAttributes(dir, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    static String describe(Exception e) {
        String kind = e.getClass().getSimpleName();
        String msg = e.getMessage();
        return msg == null ? kind : kind + " (" + msg + ")";
    }
}
