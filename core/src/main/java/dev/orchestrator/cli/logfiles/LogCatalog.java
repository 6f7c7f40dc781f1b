package dev.orchestrator.cli.logfiles;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The log streams in a logs folder, found from file names alone (no descriptor is read): {@code <name>-out.log},
 * {@code <name>-err.log}, per instance {@code <name>-<i>-out.log}, and rotated {@code .log.N} / {@code .log.N.gz}
 * ({@code .1} the newest). {@code worker-2-out.log} is instance 2 of {@code worker} only when {@code worker-0-*} files
 * exist too (every multi-instance app has an instance 0); otherwise it belongs to an app named {@code worker-2}.
 */
public final class LogCatalog {

    private static final Pattern FILE = Pattern.compile("(.+)-(out|err)\\.log(?:\\.([0-9]{1,6})(\\.gz)?)?");
    private static final Pattern INSTANCE = Pattern.compile("(.+)-([0-9]{1,6})");

    private LogCatalog() {
    }

    /** Every stream in {@code folder}, sorted by app, instance, then out before err. */
    public static List<LogStream> scan(Path folder) throws IOException {
        Map<String, List<Found>> byBase = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path p : entries) {
                Matcher m = FILE.matcher(p.getFileName().toString());
                if (m.matches() && Files.isRegularFile(p)) {
                    int generation = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
                    byBase.computeIfAbsent(m.group(1), k -> new ArrayList<>())
                            .add(new Found(p, m.group(2), generation, m.group(4) != null));
                }
            }
        }
        Set<String> multiInstance = new HashSet<>();
        byBase.keySet().forEach(base -> {
            Matcher m = INSTANCE.matcher(base);
            if (m.matches() && byBase.containsKey(m.group(1) + "-0")) {
                multiInstance.add(m.group(1));
            }
        });
        List<LogStream> streams = new ArrayList<>();
        for (var entry : new TreeMap<>(byBase).entrySet()) {
            String base = entry.getKey();
            Matcher m = INSTANCE.matcher(base);
            boolean instance = m.matches() && multiInstance.contains(m.group(1));
            String app = instance ? m.group(1) : base;
            OptionalInt number = instance ? OptionalInt.of(Integer.parseInt(m.group(2))) : OptionalInt.empty();
            for (LogStream.Kind kind : LogStream.Kind.values()) {
                List<Found> files = entry.getValue().stream().filter(f -> f.kind.equals(kind.wireName())).toList();
                if (!files.isEmpty()) {
                    streams.add(new LogStream(app, number, kind, folder.resolve(base + "-" + kind.wireName() + ".log"),
                            ordered(files)));
                }
            }
        }
        streams.sort(Comparator.comparing(LogStream::app)
                .thenComparingInt(s -> s.instance().orElse(-1))
                .thenComparing(LogStream::kind));
        return streams;
    }

    /** Oldest first: highest generation first, the active file (generation 0) last; a plain file before its .gz. */
    private static List<Path> ordered(List<Found> files) {
        return files.stream()
                .sorted(Comparator.comparingInt((Found f) -> f.generation == 0 ? Integer.MIN_VALUE : f.generation)
                        .reversed().thenComparing(f -> f.gz))
                .map(f -> f.path)
                .toList();
    }

    private record Found(Path path, String kind, int generation, boolean gz) {
    }
}
