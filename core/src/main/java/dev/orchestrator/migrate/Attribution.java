package dev.orchestrator.migrate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides which config defines each app. An aggregator that {@code require}s other configs exports their apps too; an
 * app belongs to the deepest file whose own export contains it (same name, script and cwd), so it is written once, in
 * the file next to the service. A file left with no apps of its own is superseded by discovery.
 */
final class Attribution {

    /** One config and the apps it defines itself, in export order. */
    record Owned(EvaluatedFile file, List<Pm2App> apps) {
    }

    private Attribution() {
    }

    static List<Owned> attribute(List<EvaluatedFile> files, List<Finding> findings) {
        List<Owned> out = new ArrayList<>();
        for (EvaluatedFile file : files) {
            List<Pm2App> own = new ArrayList<>();
            Set<Path> elsewhere = new LinkedHashSet<>();
            for (Pm2App app : file.apps()) {
                EvaluatedFile owner = owner(app, files);
                if (owner == file) {
                    own.add(app);
                } else {
                    elsewhere.add(owner.file());
                }
            }
            if (!file.apps().isEmpty() && own.isEmpty()) {
                findings.add(Finding.of(file.file(), null, Finding.Kind.DROPPED, "exports only apps defined in "
                        + shown(file.file(), elsewhere) + ": nothing to write; discovery finds their ecosystem.yaml "
                        + "files itself, so this aggregator is superseded (delete it once you stop using PM2)"));
            } else if (!elsewhere.isEmpty()) {
                findings.add(Finding.of(file.file(), null, Finding.Kind.DROPPED, "also exports apps defined in "
                        + shown(file.file(), elsewhere) + ": they are written there, not here"));
            }
            out.add(new Owned(file, own));
        }
        return out;
    }

    /** The deepest file exporting the app; at equal depth the one in the app's cwd, else the first by path. */
    private static EvaluatedFile owner(Pm2App app, List<EvaluatedFile> files) {
        List<Object> identity = app.identity();
        return files.stream()
                .filter(f -> f.apps().stream().anyMatch(other -> other.identity().equals(identity)))
                .max(Comparator.comparingInt((EvaluatedFile f) -> f.file().getNameCount())
                        .thenComparing(f -> inCwd(app, f))
                        .thenComparing(EvaluatedFile::file, Comparator.reverseOrder()))
                .orElseThrow();
    }

    private static boolean inCwd(Pm2App app, EvaluatedFile file) {
        Object cwd = app.config().get("cwd");
        Path folder = file.file().getParent();
        return cwd == null || folder.resolve(String.valueOf(cwd)).normalize().equals(folder);
    }

    private static String shown(Path from, Set<Path> files) {
        Path dir = from.getParent();
        return files.stream().map(f -> dir.relativize(f).toString()).collect(Collectors.joining(", "));
    }

    /** Apps by name over all owned files, to find names defined twice. */
    static Map<String, List<Path>> byName(List<Owned> owned) {
        Map<String, List<Path>> names = new java.util.TreeMap<>();
        for (Owned o : owned) {
            for (Pm2App app : o.apps()) {
                names.computeIfAbsent(app.name(), n -> new ArrayList<>()).add(o.file().file());
            }
        }
        return names;
    }
}
