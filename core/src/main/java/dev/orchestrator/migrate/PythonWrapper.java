package dev.orchestrator.migrate;

import dev.orchestrator.descriptor.AppKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code script: pipenv, args: [run, python, -m, main]} (or uv, poetry): under PM2 a shell shim run by node unless
 * {@code interpreter: none}. It becomes {@code runtime: python}: the python plugin picks the env tool from the folder
 * (uv.lock, Pipfile, poetry) and runs {@code -m main} itself when main.py is there. Only when the plugin would do
 * exactly what the wrapper did; otherwise the wrapper is kept and exec'd as a command ({@code interpreter: none}).
 */
final class PythonWrapper {

    private static final Set<String> TOOLS = Set.of("pipenv", "uv", "poetry");

    private PythonWrapper() {
    }

    /** Maps the wrapper into {@code out} and returns true; false when {@code script} is not an env tool wrapper. */
    static boolean map(String script, Object args, Path cwd, TranslatedApp out, AppNotes notes, ImportContext ctx) {
        String tool = Path.of(script).getFileName().toString();
        if (!TOOLS.contains(tool) || !(args instanceof List<?> list) || list.isEmpty()
                || !"run".equals(String.valueOf(list.getFirst()))) {
            return false;
        }
        List<String> rest = list.subList(1, list.size()).stream().map(TextValues::string).toList();
        String wrapper = script + " " + String.join(" ", list.stream().map(TextValues::string).toList());
        Optional<String> picked = EnvTool.nearest(cwd, ctx.root());
        Optional<String> why = picked.filter(tool::equals).isEmpty()
                ? Optional.of(picked.map(p -> "the python plugin would use " + p + " in that folder, not " + tool)
                        .orElse("no " + EnvTool.marker(tool) + " from its cwd up to the project root, so the python "
                                + "plugin would not use " + tool))
                : mapRun(rest, cwd, out);
        if (why.isEmpty()) {
            out.keys().put(AppKey.RUNTIME, "python");
            notes.mapped("'" + wrapper + "' became runtime: python" + describe(out) + ": the python plugin runs it "
                    + "inside " + tool + " (found " + EnvTool.marker(tool) + ") with PYTHONUNBUFFERED=1 (PM2 ran "
                    + "the " + tool + " shim with node unless interpreter: none)");
            return true;
        }
        out.keys().put(AppKey.SCRIPT, TextValues.literal(script));
        out.keys().put(AppKey.ARGS, TextValues.literalList(list));
        out.keys().put(AppKey.INTERPRETER, "none");
        notes.mapped("'" + wrapper + "' kept as a command exec'd from PATH (interpreter: none) rather than "
                + "runtime: python, because " + why.get());
        return true;
    }

    /** Fills script/args/interpreter_args for {@code run <rest>}; a reason when the plugin cannot express it. */
    private static Optional<String> mapRun(List<String> rest, Path cwd, TranslatedApp out) {
        if (rest.isEmpty() || rest.getFirst().startsWith("-")) {
            return Optional.of("'run' has options of its own");
        }
        String first = rest.getFirst();
        if (!first.matches("python(3(\\.[0-9]+)?)?")) {
            out.keys().put(AppKey.SCRIPT, TextValues.literal(first)); // a console command: uvicorn, celery...
            putArgs(out, rest.subList(1, rest.size()));
            return Optional.empty();
        }
        int i = 1;
        List<String> flags = new ArrayList<>();
        while (i < rest.size() && rest.get(i).startsWith("-") && !List.of("-m", "-c", "-").contains(rest.get(i))) {
            flags.add(rest.get(i++));
        }
        if (i + 1 < rest.size() && rest.get(i).equals("-m")) {
            String module = rest.get(i + 1);
            Optional<String> conventional = conventionalModule(cwd);
            if (conventional.filter(module::equals).isPresent()) {
                putRest(out, flags, rest.subList(i + 2, rest.size()));
                return Optional.empty();
            }
            if (Files.isRegularFile(cwd.resolve(module + ".py"))) {
                out.keys().put(AppKey.SCRIPT, TextValues.literal(module + ".py"));
                putRest(out, flags, rest.subList(i + 2, rest.size()));
                return Optional.empty();
            }
            return Optional.of("'-m " + module + "' is not the entry point the plugin finds in " + cwd
                    + " (main.py, or the one package with a __main__.py)");
        }
        if (i < rest.size() && rest.get(i).endsWith(".py")) {
            out.keys().put(AppKey.SCRIPT, TextValues.literal(rest.get(i)));
            putRest(out, flags, rest.subList(i + 1, rest.size()));
            return Optional.empty();
        }
        return Optional.of("python is not given a module (-m) or a .py file");
    }

    private static void putRest(TranslatedApp out, List<String> flags, List<String> args) {
        if (!flags.isEmpty()) {
            out.keys().put(AppKey.INTERPRETER_ARGS, TextValues.literalList(flags));
        }
        putArgs(out, args);
    }

    private static void putArgs(TranslatedApp out, List<String> args) {
        if (!args.isEmpty()) {
            out.keys().put(AppKey.ARGS, TextValues.literalList(args));
        }
    }

    private static String describe(TranslatedApp out) {
        return out.keys().containsKey(AppKey.SCRIPT) ? " with script: " + out.keys().get(AppKey.SCRIPT)
                : " (no script: it runs python -m main)";
    }

    /** What the python plugin runs with no script: main.py as -m main, else the one package with __main__.py. */
    static Optional<String> conventionalModule(Path cwd) {
        if (Files.isRegularFile(cwd.resolve("main.py"))) {
            return Optional.of("main");
        }
        try (Stream<Path> children = Files.list(cwd)) {
            List<String> packages = children.filter(c -> Files.isRegularFile(c.resolve("__main__.py")))
                    .map(c -> c.getFileName().toString()).filter(n -> n.matches("[A-Za-z_][A-Za-z0-9_]*")).toList();
            return packages.size() == 1 ? Optional.of(packages.getFirst()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
