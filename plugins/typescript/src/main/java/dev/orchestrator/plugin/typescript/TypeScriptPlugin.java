package dev.orchestrator.plugin.typescript;

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
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runtime {@code typescript}: the compiled output with node when built ({@link Compiled}), else the sources with tsx
 * or Node's type stripping ({@link TypeScriptSource}). Stateless.
 */
public final class TypeScriptPlugin implements RuntimePlugin {

    /** An entry file without tsconfig.json: above node's 80 for package.json, below certainty. */
    static final int ENTRY_FILE = 90;

    @Override
    public String id() {
        return "typescript";
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public List<String> detectionHints() {
        return List.of("tsconfig.json", "src/index.ts", "index.ts");
    }

    @Override
    public Detection detect(Path folder, HostContext host) {
        if (host.isFile(folder, "tsconfig.json")) {
            return Detection.of(Detection.CERTAIN, "tsconfig.json");
        }
        return Stream.of("src/index.ts", "index.ts").filter(name -> host.isFile(folder, name))
                .findFirst().map(name -> Detection.of(ENTRY_FILE, name))
                .orElse(Detection.none("no tsconfig.json, src/index.ts or index.ts"));
    }

    @Override
    public LaunchPlan plan(LaunchRequest request) throws PlanException {
        Draft draft = new Draft();
        if (Scripts.execsItself(request)) {
            return draft.build(Scripts.execItself(request, draft));
        }
        Path node = NodeTools.node(request, draft);
        List<String> argv = switch (request.script().orElse(null)) {
            case Script.File file -> scriptFile(file, node, request, draft);
            case Script.Command command -> NodeTools.command(command.text(), node, request, draft);
            case null -> folder(request.cwd(), node, request, draft);
        };
        return draft.build(argv);
    }

    /** A .ts script runs from source; a .js script is compiled output; a folder is planned like the app folder. */
    private static List<String> scriptFile(Script.File script, Path node, LaunchRequest request, Draft draft)
            throws PlanException {
        Path path = Scripts.existing(script);
        if (Folders.isDirectory(request.host(), path)) {
            return folder(path, node, request, draft);
        }
        if (TypeScriptSource.isTypeScript(path)) {
            return TypeScriptSource.run(path, node, request, draft);
        }
        Compiled.warnIfStale(request.cwd(), path, request.host(), draft);
        return NodeTools.nodeArgv(node, path, request);
    }

    private static List<String> folder(Path dir, Path node, LaunchRequest request, Draft draft) throws PlanException {
        HostContext host = request.host();
        Optional<Path> output = Compiled.output(dir, host, draft);
        if (output.isPresent()) {
            Compiled.warnIfStale(dir, output.get(), host, draft);
            return NodeTools.nodeArgv(node, output.get(), request);
        }
        return TypeScriptSource.run(TypeScriptSource.entry(dir, host), node, request, draft);
    }
}
