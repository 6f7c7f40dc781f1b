package dev.orchestrator.plugin.typescript;

import dev.orchestrator.plugin.support.Draft;
import dev.orchestrator.plugin.support.Folders;
import dev.orchestrator.plugin.support.Scripts;
import dev.orchestrator.spi.HostContext;
import dev.orchestrator.spi.LaunchRequest;
import dev.orchestrator.spi.PlanException;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Running TypeScript sources without a build: with {@code node_modules/.bin/tsx}, else Node >= 22.6 stripping types. */
final class TypeScriptSource {

    private static final List<String> EXTENSIONS = List.of(".ts", ".mts", ".cts", ".tsx");
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+).*");

    private TypeScriptSource() {
    }

    static boolean isTypeScript(Path file) {
        String name = file.getFileName().toString();
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /** The conventional entry of an unbuilt app: {@code src/index.ts}, else {@code index.ts}. */
    static Path entry(Path dir, HostContext host) throws PlanException {
        for (String candidate : List.of("src/index.ts", "index.ts")) {
            if (host.isFile(dir, candidate)) {
                return dir.resolve(candidate);
            }
        }
        throw new PlanException("no TypeScript entry in " + Folders.shown(dir, host.projectRoot())
                + ": no compiled output (package.json main, dist/index.js), no script:, src/index.ts or index.ts",
                "set script: to the entry file, or build the app (npx tsc)");
    }

    static List<String> run(Path entry, Path node, LaunchRequest request, Draft draft) throws PlanException {
        Path root = request.host().projectRoot();
        String shown = Folders.shown(entry, root);
        Optional<Path> tsx = Folders.findExecutableUp(request.cwd(), request.host(), "node_modules/.bin/tsx");
        if (tsx.isPresent()) {
            draft.note("no compiled output: running " + shown + " with " + Folders.shown(tsx.get(), root));
            request.interpreter().ifPresent(i -> draft.warning(
                    "interpreter: " + i + " is not used: tsx runs the node found on PATH"));
            return Scripts.argv(tsx.get(), request.interpreterArgs(), entry, request.args());
        }
        Optional<String> version = request.host().toolVersion(request.interpreter().orElse("node"));
        if (version.filter(TypeScriptSource::stripsTypes).isPresent()) {
            draft.note("no compiled output and no tsx: node " + version.get() + " runs " + shown
                    + " with --experimental-strip-types, which only erases types: enums, namespaces and tsc-style "
                    + "`./x.js` imports of .ts files do not work that way (add tsx or build with npx tsc if the app uses them)");
            return Scripts.argv(node, "--experimental-strip-types", request.interpreterArgs(), entry, request.args());
        }
        String nodeTooOld = version.map(v -> "node " + v + " is older than 22.6")
                .orElse("node did not report its version (22.6 or newer is needed)");
        throw new PlanException("cannot run TypeScript in " + Scripts.shown(request)
                + ": no compiled output (dist/), no node_modules/.bin/tsx, and " + nodeTooOld,
                "run `npm install` there (with tsx as a dependency), or build with `npx tsc`, or install Node >= 22.6");
    }

    /** Node 22.6 added {@code --experimental-strip-types}. */
    static boolean stripsTypes(String version) {
        Matcher m = VERSION.matcher(version.strip());
        if (!m.matches()) {
            return false;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > 22 || (major == 22 && minor >= 6);
    }
}
