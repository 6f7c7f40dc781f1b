package dev.orchestrator.plugin.python;

import dev.orchestrator.plugin.support.Draft;
import dev.orchestrator.plugin.support.Folders;
import dev.orchestrator.spi.LaunchRequest;
import dev.orchestrator.spi.PlanException;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** How an app reaches its Python: through an env tool ({@code uv run}) or a python binary (a virtualenv's or PATH's). */
sealed interface PythonEnv {

    /** The argv prefix that starts the interpreter, e.g. {@code [/usr/bin/uv, run, python]}. */
    List<String> python();

    /** The argv prefix that runs console command {@code name} of this environment, e.g. {@code [/usr/bin/uv, run, uvicorn]}. */
    List<String> command(String name, LaunchRequest request, Draft draft) throws PlanException;

    /** {@code uv run}, {@code pipenv run}, {@code poetry run}: the tool puts its environment's bin/ first on PATH. */
    record ToolRun(String tool, Path executable) implements PythonEnv {

        @Override
        public List<String> python() {
            return List.of(executable.toString(), "run", "python");
        }

        @Override
        public List<String> command(String name, LaunchRequest request, Draft draft) {
            draft.note("'" + name + "' is a command: running it inside " + tool + " (" + tool + " run " + name + ")");
            return List.of(executable.toString(), "run", name);
        }
    }

    /** A python binary; commands come from {@code binDir} (a virtualenv's bin/) when there, else from PATH. */
    record Binary(Path executable, Optional<Path> binDir) implements PythonEnv {

        @Override
        public List<String> python() {
            return List.of(executable.toString());
        }

        @Override
        public List<String> command(String name, LaunchRequest request, Draft draft) throws PlanException {
            Optional<Path> local = binDir.filter(dir -> request.host().isExecutableFile(dir, name))
                    .map(dir -> dir.resolve(name));
            if (local.isPresent()) {
                draft.note("'" + name + "' is a command: running " + local.get() + " from the app's environment");
                return List.of(local.get().toString());
            }
            Optional<Path> onPath = request.host().which(name);
            if (onPath.isEmpty()) {
                String where = binDir.map(dir -> "in " + Folders.shown(dir, request.host().projectRoot()) + " or ").orElse("");
                throw new PlanException("'" + name + "' not found " + where + "on PATH",
                        "install it into the app's environment, or give the full path in script:");
            }
            draft.note("'" + name + "' is a command: running " + onPath.get() + " from PATH");
            return List.of(onPath.get().toString());
        }
    }
}
