package dev.orchestrator.plugin.python;

import dev.orchestrator.plugin.support.Draft;
import dev.orchestrator.plugin.support.Scripts;
import dev.orchestrator.spi.Detection;
import dev.orchestrator.spi.HostContext;
import dev.orchestrator.spi.LaunchPlan;
import dev.orchestrator.spi.LaunchRequest;
import dev.orchestrator.spi.PlanException;
import dev.orchestrator.spi.RuntimePlugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runtime {@code python}: {@code uv run python -m main}, {@code pipenv run python app.py}, {@code uv run uvicorn app:app},
 * {@code .venv/bin/python -m pkg}, ... Stateless; see {@link EnvTools} for how the environment is chosen and
 * {@link PythonEntry} for the entry point.
 */
public final class PythonPlugin implements RuntimePlugin {

    private static final List<String> MARKERS = List.of("Pipfile", "pyproject.toml", "uv.lock");
    private static final List<String> ENTRIES = List.of("main.py", "__main__.py");

    @Override
    public String id() {
        return "python";
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public List<String> detectionHints() {
        return List.of("Pipfile", "pyproject.toml", "uv.lock", "main.py", "__main__.py", "<pkg>/__main__.py");
    }

    @Override
    public Detection detect(Path folder, HostContext host) {
        List<String> markers = present(folder, MARKERS, host);
        List<String> found = new ArrayList<>(markers);
        found.addAll(present(folder, ENTRIES, host));
        PythonEntry.packagesWithMain(folder, host).forEach(pkg -> found.add(pkg + "/__main__.py"));
        if (found.isEmpty()) {
            return Detection.none("no Pipfile, pyproject.toml, uv.lock, main.py or __main__.py");
        }
        return Detection.of(markers.isEmpty() ? Detection.LIKELY : Detection.CERTAIN, String.join(", ", found));
    }

    @Override
    public LaunchPlan plan(LaunchRequest request) throws PlanException {
        Draft draft = new Draft().env("PYTHONUNBUFFERED", "1")
                .note("PYTHONUNBUFFERED=1: without it python holds its output back and logs arrive late");
        if (Scripts.execsItself(request)) {
            return draft.build(Scripts.execItself(request, draft));
        }
        PythonEnv env = EnvTools.resolve(request, draft);
        List<String> argv = switch (PythonEntry.of(request, draft)) {
            case PythonEntry.Python python ->
                    Scripts.argv(env.python(), request.interpreterArgs(), python.target(), request.args());
            case PythonEntry.Command command -> {
                Scripts.ignoredInterpreterArgs(request, draft,
                        "'" + command.name() + "' is a command, python is not started with them");
                yield Scripts.argv(env.command(command.name(), request, draft), request.args());
            }
        };
        return draft.build(argv);
    }

    private static List<String> present(Path folder, List<String> names, HostContext host) {
        return names.stream().filter(name -> host.isFile(folder, name)).toList();
    }
}
