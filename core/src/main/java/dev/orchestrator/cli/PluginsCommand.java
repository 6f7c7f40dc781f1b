package dev.orchestrator.cli;

import dev.orchestrator.discovery.ProjectRoot;
import dev.orchestrator.plugin.DoctorReport;
import dev.orchestrator.plugin.PluginDoctor;
import dev.orchestrator.plugin.PluginRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code orchestrator plugins}: the runtime plugins found (built-in and from plugin jars), their versions, sources and
 * detection hints; {@code plugins doctor <jar>} checks a plugin jar before it is installed.
 */
@Command(name = "plugins", description = "List the runtime plugins that were found.",
        subcommands = PluginsCommand.Doctor.class)
final class PluginsCommand implements Callable<Integer> {

    @Mixin
    ProjectOption project;

    @Option(names = "--json", description = "Print JSON (schema 1).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PluginRegistry registry = registry();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> root = Json.object();
            root.put("plugins", registry.plugins().stream().map(PluginsCommand::json).toList());
            root.put("plugin_dirs", registry.folders().stream().map(Path::toString).toList());
            root.put("errors", registry.problems());
            out.println(Json.write(root));
        } else {
            table(registry).forEach(out::println);
            out.println("plugin folders: " + String.join(", ", registry.folders().stream()
                    .map(f -> f + (Files.isDirectory(f) ? "" : " (missing)")).toList()));
            registry.problems().forEach(problem -> spec.commandLine().getErr().println("error: " + problem));
        }
        out.flush();
        spec.commandLine().getErr().flush();
        return registry.problems().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** With {@code -C}, that project; else the project around the current folder; else the per-user plugins only. */
    private PluginRegistry registry() {
        if (project.project != null) {
            return Projects.plugins(project.root());
        }
        Optional<Path> root = ProjectRoot.find(Path.of("").toAbsolutePath(), Optional.empty());
        return root.map(Projects::plugins).orElseGet(Projects::userPlugins);
    }

    private static List<String> table(PluginRegistry registry) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "VERSION", "SPI", "DETECTS", "SOURCE"});
        for (PluginRegistry.Loaded loaded : registry.plugins()) {
            rows.add(new String[] {loaded.id(), loaded.plugin().version(),
                    Integer.toString(loaded.plugin().spiVersion()), String.join(", ", loaded.plugin().detectionHints()),
                    loaded.source()});
        }
        int[] widths = new int[5];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private static Map<String, Object> json(PluginRegistry.Loaded loaded) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", loaded.plugin().id());
        out.put("version", loaded.plugin().version());
        out.put("spi_version", loaded.plugin().spiVersion());
        out.put("source", loaded.source());
        out.put("class", loaded.className());
        out.put("detects", loaded.plugin().detectionHints());
        return out;
    }

    /** {@code orchestrator plugins doctor <jar>}: the authoring mistakes that keep a plugin jar from loading. */
    @Command(name = "doctor", description = "Check a plugin jar: unregistered or missing classes, constructors, SPI "
            + "version. Exit 0 when it would load, 1 with findings.")
    static final class Doctor implements Callable<Integer> {

        @Parameters(paramLabel = "JAR", description = "The plugin jar to check.")
        Path jar;

        @Option(names = "--json", description = "Print JSON (schema 1).")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<String> builtIns = PluginRegistry.load(PluginsCommand.class.getClassLoader()).ids();
            DoctorReport report = new PluginDoctor(builtIns).examine(jar);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(json(report)));
            } else {
                report.plugins().forEach(p -> out.println(report.jar() + ": ok: " + p.className() + " (id '" + p.id()
                        + "', SPI " + p.spiVersion() + ", version " + p.version() + ")"));
                report.findings().forEach(f -> out.println(f.format(report.jar())));
            }
            out.flush();
            return report.clean() ? ExitCodes.OK : ExitCodes.FAILED;
        }

        private static Map<String, Object> json(DoctorReport report) {
            Map<String, Object> root = Json.object();
            root.put("jar", report.jar().toString());
            root.put("clean", report.clean());
            root.put("plugins", report.plugins().stream().map(p -> {
                Map<String, Object> plugin = new LinkedHashMap<>();
                plugin.put("class", p.className());
                plugin.put("id", p.id());
                plugin.put("spi_version", p.spiVersion());
                plugin.put("version", p.version());
                return plugin;
            }).toList());
            root.put("findings", report.findings().stream().map(f -> {
                Map<String, Object> finding = new LinkedHashMap<>();
                finding.put("severity", f.severity().label());
                finding.put("class", f.className().orElse(null));
                finding.put("message", f.message());
                return finding;
            }).toList());
            return root;
        }
    }
}
