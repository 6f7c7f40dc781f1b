package dev.orchestrator.plugin.python;

import dev.orchestrator.plugin.support.Draft;
import dev.orchestrator.plugin.support.Scripts;
import dev.orchestrator.spi.HostContext;
import dev.orchestrator.spi.LaunchRequest;
import dev.orchestrator.spi.PlanException;
import dev.orchestrator.spi.Script;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** What an app runs: a file, module or folder handed to python, or a console command of its environment. */
sealed interface PythonEntry {

    /** Arguments for python after {@code interpreter_args}: {@code [<file>]}, {@code [-m, main]} or {@code [.]}. */
    record Python(List<String> target) implements PythonEntry {
    }

    /** A console script such as {@code uvicorn}, run inside the environment rather than by python. */
    record Command(String name) implements PythonEntry {
    }

    /** Python can only {@code -m} a folder whose name is an identifier. */
    Pattern MODULE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static PythonEntry of(LaunchRequest request, Draft draft) throws PlanException {
        return switch (request.script().orElse(null)) {
            case Script.File file -> new Python(List.of(Scripts.existing(file).toString()));
            case Script.Command command -> new Command(command.text());
            case null -> conventional(request, draft);
        };
    }

    /** No script: {@code main.py}, else the one package with a {@code __main__.py}, else the folder's own. */
    private static PythonEntry conventional(LaunchRequest request, Draft draft) throws PlanException {
        Path cwd = request.cwd();
        HostContext host = request.host();
        if (host.isFile(cwd, "main.py")) {
            draft.note("main.py found: running python -m main (like `python -m main`, the cwd is on sys.path)");
            return new Python(List.of("-m", "main"));
        }
        List<String> packages = packagesWithMain(cwd, host);
        if (packages.size() == 1) {
            String pkg = packages.getFirst();
            draft.note(pkg + "/__main__.py found: running python -m " + pkg);
            return new Python(List.of("-m", pkg));
        }
        if (host.isFile(cwd, "__main__.py")) {
            draft.note("__main__.py in the app folder: running `python .` (python runs a folder's __main__.py; "
                    + "-m needs a package name, and the app folder is not one)");
            return new Python(List.of("."));
        }
        if (packages.size() > 1) {
            throw new PlanException("no single entry point in " + Scripts.shown(request) + ": "
                    + String.join(", ", packages) + " all have a __main__.py",
                    "set script: to the file to run, or add a main.py");
        }
        throw new PlanException("no entry point in " + Scripts.shown(request) + ": no script:, main.py or __main__.py",
                "set script: to the file or module command to run");
    }

    /**
     * Names of the subfolders of {@code folder} that python can run with {@code -m}, sorted. An unreadable folder has
     * none (the host lists it as empty); the caller says so. Names are filtered first: no probe for {@code main.py/}.
     */
    static List<String> packagesWithMain(Path folder, HostContext host) {
        return host.list(folder).stream()
                .filter(name -> MODULE_NAME.matcher(name).matches())
                .filter(name -> host.isFile(folder, name + "/__main__.py"))
                .sorted()
                .toList();
    }
}
