package dev.orchestrator.plugin.python;

import dev.orchestrator.plugin.support.Draft;
import dev.orchestrator.plugin.support.Folders;
import dev.orchestrator.plugin.support.Scripts;
import dev.orchestrator.spi.HostContext;
import dev.orchestrator.spi.LaunchRequest;
import dev.orchestrator.spi.PlanException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Picks the app's Python environment, in this order: an explicit {@code interpreter:}; the env tool of the nearest
 * folder (cwd up to the project root) that declares one (uv, then pipenv, then poetry); a virtualenv in the cwd;
 * python3 on PATH. A declared tool that is missing fails the plan: running without the project's dependencies
 * would only fail later and less clearly.
 */
final class EnvTools {

    private EnvTools() {
    }

    static PythonEnv resolve(LaunchRequest request, Draft draft) throws PlanException {
        if (request.interpreter().isPresent()) {
            return explicit(request.interpreter().get(), request, draft);
        }
        for (Path dir : Folders.upToRoot(request.cwd(), request.host().projectRoot())) {
            Optional<PythonEnv> tool = toolIn(dir, request, draft);
            if (tool.isPresent()) {
                return tool.get();
            }
        }
        Optional<PythonEnv> venv = virtualenvIn(request.cwd(), request.host(), draft);
        return venv.isPresent() ? venv.get() : systemPython(request, draft);
    }

    private static PythonEnv explicit(String value, LaunchRequest request, Draft draft) throws PlanException {
        Path python = Scripts.interpreter(value, request);
        Path cwd = request.cwd().toAbsolutePath().normalize();
        draft.note("interpreter: " + value + " given: using " + python + " (no env tool)");
        // An interpreter inside the app folder is a virtualenv's: its bin/ also holds the app's commands.
        return new PythonEnv.Binary(python, python.startsWith(cwd) ? Optional.of(python.getParent()) : Optional.empty());
    }

    private static Optional<PythonEnv> toolIn(Path dir, LaunchRequest request, Draft draft) throws PlanException {
        HostContext host = request.host();
        String where = Folders.shown(dir, host.projectRoot());
        String pyproject = read(dir, "pyproject.toml", host);
        if (host.isFile(dir, "uv.lock")) {
            return Optional.of(tool("uv", "uv.lock", where, "pipx install uv", request, draft));
        }
        if (hasTable(pyproject, "tool.uv")) {
            return Optional.of(tool("uv", "pyproject.toml [tool.uv]", where, "pipx install uv", request, draft));
        }
        if (host.isFile(dir, "Pipfile")) {
            PythonEnv pipenv = tool("pipenv", "Pipfile", where, "apt-get install pipenv", request, draft);
            draft.env("PIPENV_DONT_LOAD_ENV", "1")
                    .note("PIPENV_DONT_LOAD_ENV=1: pipenv would otherwise load .env, and the app's env would differ from what config shows");
            return Optional.of(pipenv);
        }
        if (hasTable(pyproject, "tool.poetry")) {
            return Optional.of(tool("poetry", "pyproject.toml [tool.poetry]", where, "pipx install poetry", request, draft));
        }
        return Optional.empty();
    }

    private static PythonEnv tool(String tool, String marker, String where, String install, LaunchRequest request,
                                  Draft draft) throws PlanException {
        Path executable = request.host().which(tool).orElseThrow(() -> new PlanException(
                tool + " not found on PATH (" + marker + " in " + where + ")",
                "install it (" + install + ") or set interpreter: to a python binary"));
        draft.note(marker + " found in " + where + ": running inside " + tool + " (" + tool + " run)");
        return new PythonEnv.ToolRun(tool, executable);
    }

    private static Optional<PythonEnv> virtualenvIn(Path cwd, HostContext host, Draft draft) {
        for (String name : List.of(".venv", "venv")) {
            Path python = cwd.resolve(name).resolve("bin").resolve("python");
            if (host.isExecutableFile(cwd, name + "/bin/python")) {
                draft.note(name + "/bin/python found: using the app's virtualenv");
                return Optional.of(new PythonEnv.Binary(python, Optional.of(python.getParent())));
            }
            // no bin/ folder, no link in it: the lstat is only paid by apps that have a virtualenv folder
            if (host.isDirectory(cwd, name + "/bin") && Files.isSymbolicLink(python)) {
                draft.warning(name + "/bin/python is a broken link (the python it was made from is gone); "
                        + "recreate it: python3 -m venv --clear " + name);
            }
        }
        return Optional.empty();
    }

    private static PythonEnv systemPython(LaunchRequest request, Draft draft) throws PlanException {
        String where = Scripts.shown(request);
        Path python3 = request.host().which("python3").orElseThrow(() -> new PlanException(
                "python3 not found on PATH (no uv.lock, Pipfile, poetry project or virtualenv for " + where + ")",
                "install Python 3 (apt-get install python3) or set interpreter: to a python binary"));
        draft.note("no uv.lock, Pipfile, poetry project or virtualenv: using python3 from PATH");
        return new PythonEnv.Binary(python3, Optional.empty());
    }

    /**
     * Whether TOML text declares {@code table} or a sub-table of it ({@code [tool.uv]}, {@code [tool.uv.sources]},
     * {@code [[tool.uv.index]]}). A line scan is enough: table headers stand alone on their line.
     */
    static boolean hasTable(String toml, String table) {
        for (String line : toml.lines().toList()) {
            String header = line.strip();
            if (!header.startsWith("[")) {
                continue;
            }
            int end = header.indexOf(']');
            String name = header.substring(0, end < 0 ? header.length() : end).replace("[", "").replace(" ", "");
            if (name.equals(table) || name.startsWith(table + ".")) {
                return true;
            }
        }
        return false;
    }

    /** The file's text, or "" when it is missing; lenient about encoding, since only table headers matter. */
    private static String read(Path dir, String name, HostContext host) throws PlanException {
        Path file = dir.resolve(name);
        if (!host.isFile(dir, name)) {
            return "";
        }
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PlanException("cannot read " + file + ": " + e.getMessage(), "check its permissions");
        }
    }
}
