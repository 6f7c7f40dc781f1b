package dev.orchestrator.plugin.support;

import dev.orchestrator.spi.LaunchRequest;
import dev.orchestrator.spi.PlanException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The node binary, and commands from {@code node_modules/.bin} or PATH, for the runtimes that run on node
 * ({@code node}, {@code typescript}).
 *
 * <p>Stability: internal to the built-in plugins; third-party plugins may use it but it is not the SPI. Since 0.1.0.
 */
public final class NodeTools {

    /** {@code #!/usr/bin/env node} or {@code #!/usr/local/bin/node}: a script node runs without extra flags. */
    private static final Pattern NODE_SHEBANG = Pattern.compile("#!\\s*(\\S*/)?(env\\s+)?node\\s*");

    private NodeTools() {
    }

    /** {@code interpreter:} when given, else node from PATH. */
    public static Path node(LaunchRequest request, Draft draft) throws PlanException {
        if (request.interpreter().isPresent()) {
            Path node = Scripts.interpreter(request.interpreter().get(), request);
            draft.note("interpreter: " + request.interpreter().get() + " given: using " + node + " as node");
            return node;
        }
        return request.host().which("node").orElseThrow(() -> new PlanException("node not found on PATH",
                "install Node.js (apt-get install nodejs) or set interpreter: to a node binary"));
    }

    /**
     * A command such as {@code next}: {@code node_modules/.bin/<name>} in the cwd or a parent up to the project root,
     * else PATH. A node script from node_modules runs with {@code node} so the node config shows is the node that runs;
     * anything else (a shell wrapper, a PATH binary) is exec'd itself.
     */
    public static List<String> command(String name, Path node, LaunchRequest request, Draft draft)
            throws PlanException {
        Path root = request.host().projectRoot();
        Optional<Path> local = Folders.findExecutableUp(request.cwd(), request.host(), "node_modules/.bin/" + name);
        if (local.isPresent() && isNodeScript(local.get())) {
            draft.note("'" + name + "' is a command: running " + Folders.shown(local.get(), root) + " with node");
            return Scripts.argv(node, request.interpreterArgs(), local.get(), request.args());
        }
        Optional<Path> found = local.or(() -> request.host().which(name));
        if (found.isEmpty()) {
            throw new PlanException("'" + name + "' not found in node_modules/.bin or on PATH",
                    "run npm install in " + Scripts.shown(request) + ", or give the full path in script:");
        }
        draft.note("'" + name + "' is a command: exec'ing " + Folders.shown(found.get(), root));
        Scripts.ignoredInterpreterArgs(request, draft, "'" + name + "' is exec'd itself, not through node");
        return Scripts.argv(found.get(), request.args());
    }

    /** Whether a file's first line is a plain node shebang; reads at most 200 bytes. */
    public static boolean isNodeScript(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(200), StandardCharsets.UTF_8);
            return NODE_SHEBANG.matcher(head.lines().findFirst().orElse("")).matches();
        } catch (IOException e) {
            return false; // unreadable: exec it and let the host report what happens
        }
    }

    /** {@code node [interpreter_args] <entry> [args]}. */
    public static List<String> nodeArgv(Path node, Path entry, LaunchRequest request) {
        return Scripts.argv(node, request.interpreterArgs(), entry, request.args());
    }
}
