package dev.orchestrator.watch;

import dev.orchestrator.discovery.IgnoreFile;
import dev.orchestrator.discovery.IgnorePattern;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.LogSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a source watch never restarts for. Pure: decides from the path alone.
 * <ul>
 *   <li>{@code ignore_watch} globs, gitignore syntax matched against the path relative to the watched folder
 *       ({@code **}{@code /} allowed; a pattern matching a folder covers everything below it);</li>
 *   <li>always: {@code node_modules}, {@code .git}, {@code __pycache__}, {@code *.pyc}, {@code .venv}, and the
 *       descriptors ({@code ecosystem.yaml/.yml/.json}, {@code .orchestratorignore}), whose edits hot reload applies;</li>
 *   <li>the logs folder and the orchestrator's state folder;</li>
 *   <li>the app's own log files wherever they are, and their rotated siblings ({@code api-out.log.1}): an app that
 *       logs into its watched folder would otherwise restart itself forever (a classic PM2 loop).</li>
 * </ul>
 */
final class SourceIgnore {

    /** Descriptors are left out too: hot reload applies their edits (and restarts only when the spec changed). */
    static final List<String> ALWAYS = List.of("node_modules", ".git", "__pycache__", "*.pyc", ".venv",
            "ecosystem.yaml", "ecosystem.yml", "ecosystem.json", ".orchestratorignore");

    private static final IgnoreFile BUILT_IN = IgnoreFile.parse("built-in", "", ALWAYS);

    private final List<Path> watched;
    private final IgnoreFile globs;
    private final Path logsDir;
    private final Path stateDir;
    private final Set<Path> ownLogs;

    SourceIgnore(List<Path> watched, List<String> ignoreWatch, Path logsDir, Path stateDir, Set<Path> ownLogs) {
        // deepest first, so a path is made relative to the closest watched folder
        this.watched = watched.stream().sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
        this.globs = IgnoreFile.parse("ignore_watch", "", ignoreWatch);
        this.logsDir = logsDir;
        this.stateDir = stateDir;
        this.ownLogs = Set.copyOf(ownLogs);
    }

    static SourceIgnore of(AppSpec spec, Path logsDir, Path stateDir) {
        return new SourceIgnore(spec.watch().paths(), spec.watch().ignore(), logsDir, stateDir, logFiles(spec));
    }

    /** Every log file the app's instances write. */
    static Set<Path> logFiles(AppSpec spec) {
        Set<Path> files = new LinkedHashSet<>();
        LogSpec logs = spec.logs();
        for (int i = 0; i < spec.instances(); i++) {
            files.add(logs.outFile(i, spec.instances()).toAbsolutePath().normalize());
            files.add(logs.errFile(i, spec.instances()).toAbsolutePath().normalize());
        }
        return files;
    }

    boolean ignored(PathChange change) {
        Path path = change.path();
        if (path.startsWith(logsDir) || path.startsWith(stateDir) || ownLog(path)) {
            return true;
        }
        Optional<Path> base = watched.stream().filter(path::startsWith).findFirst();
        String rel = base.map(b -> b.relativize(path).toString().replace('\\', '/')).orElse("");
        if (rel.isEmpty()) {
            rel = path.getFileName() == null ? "" : path.getFileName().toString();
        }
        List<String> prefixes = prefixes(rel);
        for (int i = 0; i < prefixes.size(); i++) {
            boolean dir = i < prefixes.size() - 1 || change.directory();
            if (matches(BUILT_IN, prefixes.get(i), dir) || matches(globs, prefixes.get(i), dir)) {
                return true;
            }
        }
        return false;
    }

    /** The file itself, or a rotated sibling: same folder, named like the log plus a suffix ({@code .1}, {@code .1.gz}). */
    private boolean ownLog(Path path) {
        Path name = path.getFileName();
        if (name == null) {
            return false;
        }
        for (Path log : ownLogs) {
            if (log.equals(path)) {
                return true;
            }
            if (log.getParent() != null && log.getParent().equals(path.getParent())
                    && name.toString().startsWith(log.getFileName() + ".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(IgnoreFile file, String rel, boolean dir) {
        Optional<IgnorePattern> hit = file.lastMatch(rel, dir);
        return hit.isPresent() && !hit.get().negated();
    }

    /** {@code a/b/c} -> {@code a}, {@code a/b}, {@code a/b/c}: a folder that is ignored hides what is inside it. */
    private static List<String> prefixes(String rel) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int slash = rel.indexOf('/', from);
            if (slash < 0) {
                out.add(rel);
                return out;
            }
            out.add(rel.substring(0, slash));
            from = slash + 1;
        }
    }
}
