package dev.orchestrator.cli;

import dev.orchestrator.plugin.PluginRegistry;
import dev.orchestrator.spi.RuntimePlugin;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code orchestrator plugins}: the runtime plugins found, their versions, sources and detection hints. */
@Command(name = "plugins", description = "List the runtime plugins that were found.")
final class PluginsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON (schema 1).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PluginRegistry registry = Projects.plugins();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> root = Json.object();
            root.put("plugins", registry.plugins().stream().map(PluginsCommand::json).toList());
            root.put("errors", registry.problems());
            out.println(Json.write(root));
        } else {
            out.printf("%-12s %-16s %-4s %-10s %s%n", "ID", "VERSION", "SPI", "SOURCE", "DETECTS");
            for (PluginRegistry.Loaded loaded : registry.plugins()) {
                RuntimePlugin p = loaded.plugin();
                out.printf("%-12s %-16s %-4d %-10s %s%n", p.id(), p.version(), p.spiVersion(), loaded.source(),
                        String.join(", ", p.detectionHints()));
            }
            registry.problems().forEach(problem -> spec.commandLine().getErr().println("error: " + problem));
        }
        out.flush();
        return registry.problems().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static Map<String, Object> json(PluginRegistry.Loaded loaded) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", loaded.plugin().id());
        out.put("version", loaded.plugin().version());
        out.put("spi_version", loaded.plugin().spiVersion());
        out.put("source", loaded.source());
        out.put("detects", loaded.plugin().detectionHints());
        return out;
    }
}
