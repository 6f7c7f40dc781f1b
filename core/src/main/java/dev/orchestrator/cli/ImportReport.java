package dev.orchestrator.cli;

import dev.orchestrator.migrate.Finding;
import dev.orchestrator.migrate.ImportPlan;
import dev.orchestrator.migrate.OutputFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The text {@code orchestrator import} prints: per PM2 config, what it becomes and every finding about it. */
final class ImportReport {

    private final Path root;
    private final ImportPlan plan;
    private final ImportPlan.Written written;
    private final boolean dryRun;

    ImportReport(Path root, ImportPlan plan, ImportPlan.Written written, boolean dryRun) {
        this.root = root;
        this.plan = plan;
        this.written = written;
        this.dryRun = dryRun;
    }

    void print(PrintWriter out, PrintWriter err) {
        Map<Path, List<Finding>> byFile = plan.findings().stream()
                .collect(Collectors.groupingBy(Finding::file, LinkedHashMap::new, Collectors.toList()));
        Map<Path, OutputFile> outputs = plan.outputs().stream()
                .collect(Collectors.toMap(OutputFile::source, o -> o, (a, b) -> a, LinkedHashMap::new));
        java.util.TreeSet<Path> files = new java.util.TreeSet<>(byFile.keySet());
        files.addAll(outputs.keySet());
        out.println((dryRun ? "Import plan" : "Import") + " of " + files.size() + " PM2 config(s) under " + root
                + " (evaluated with node, as PM2 does):");
        for (Path file : files) {
            OutputFile output = outputs.get(file);
            out.println();
            out.println(shown(file) + (output == null ? ": nothing to write"
                    : " -> " + shown(output.descriptor()) + " (" + String.join(", ", output.apps()) + ")"
                            + (output.envFiles().isEmpty() ? "" : "; secrets in " + output.envFiles().keySet()
                            .stream().map(this::shown).collect(Collectors.joining(", ")))));
            for (Finding f : byFile.getOrDefault(file, List.of())) {
                out.println("  " + f.kind().label() + ": " + f.app().map(a -> a + ": ").orElse("") + f.message());
            }
        }
        if (dryRun) {
            for (OutputFile output : plan.outputs()) {
                out.println();
                out.println("--- " + shown(output.descriptor()) + (output.valid() ? "" : " (invalid: not written)"));
                out.print(output.yaml());
            }
            out.println();
            out.println("Dry run: nothing written. Run it again without --dry-run to write these files.");
            return;
        }
        written.refused().forEach(f -> err.println("orchestrator: " + f.format(root)));
        out.println();
        out.println("Wrote " + written.written().size() + " file(s)" + (written.written().isEmpty() ? "." : ": "
                + written.written().stream().map(this::shown).collect(Collectors.joining(", "))));
        out.println("Next: 'orchestrator config' shows what the descriptors resolve to; 'orchestrator up' runs them. "
                + "Stop the PM2 apps first (pm2 delete all) so ports are free.");
    }

    private String shown(Path path) {
        return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
    }
}
