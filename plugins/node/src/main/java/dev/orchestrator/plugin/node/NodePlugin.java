package dev.orchestrator.plugin.node;

import dev.orchestrator.plugin.support.Draft;
import dev.orchestrator.plugin.support.Folders;
import dev.orchestrator.plugin.support.NodeTools;
import dev.orchestrator.plugin.support.Scripts;
import dev.orchestrator.spi.Detection;
import dev.orchestrator.spi.HostContext;
import dev.orchestrator.spi.LaunchPlan;
import dev.orchestrator.spi.LaunchRequest;
import dev.orchestrator.spi.PlanException;
import dev.orchestrator.spi.RuntimePlugin;
import dev.orchestrator.spi.Script;

import java.nio.file.Path;
import java.util.List;

/**
 * Runtime {@code node}: {@code node [interpreter_args] <entry file> [args]}, or {@code node_modules/.bin/<command>}.
 * Stateless; {@link NodeEntry} finds the entry file, {@link NodeTools} node and commands.
 */
public final class NodePlugin implements RuntimePlugin {

    /** package.json is shared with TypeScript (80 < its 100), so a tsconfig.json folder goes to typescript. */
    static final int PACKAGE_JSON = 80;
    private static final List<String> ENTRIES = List.of("index.js", "main.js", "server.js");

    @Override
    public String id() {
        return "node";
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public List<String> detectionHints() {
        return List.of("package.json", "index.js", "main.js", "server.js");
    }

    @Override
    public Detection detect(Path folder, HostContext host) {
        if (host.isFile(folder, "package.json")) {
            return Detection.of(PACKAGE_JSON, "package.json");
        }
        return ENTRIES.stream().filter(name -> host.isFile(folder, name)).findFirst()
                .map(name -> Detection.of(Detection.LIKELY, name + " without package.json"))
                .orElse(Detection.none("no package.json, index.js, main.js or server.js"));
    }

    @Override
    public LaunchPlan plan(LaunchRequest request) throws PlanException {
        Draft draft = new Draft();
        if (Scripts.execsItself(request)) {
            return draft.build(Scripts.execItself(request, draft));
        }
        Path node = NodeTools.node(request, draft);
        HostContext host = request.host();
        List<String> argv = switch (request.script().orElse(null)) {
            case Script.File file -> NodeTools.nodeArgv(node, entryOf(file, host, draft), request);
            case Script.Command command -> NodeTools.command(command.text(), node, request, draft);
            case null -> NodeTools.nodeArgv(node, NodeEntry.of(request.cwd(), host, draft), request);
        };
        return draft.build(argv);
    }

    /** The script file, or the entry file of a script folder ({@code script: "."}). */
    private static Path entryOf(Script.File script, HostContext host, Draft draft) throws PlanException {
        Path path = Scripts.existing(script);
        if (!Folders.isDirectory(host, path)) {
            return path;
        }
        draft.note("script '" + script.text() + "' is a folder: running its entry file instead "
                + "(node is never given a folder: ESM packages fail with ERR_UNSUPPORTED_DIR_IMPORT)");
        return NodeEntry.of(path, host, draft);
    }
}
