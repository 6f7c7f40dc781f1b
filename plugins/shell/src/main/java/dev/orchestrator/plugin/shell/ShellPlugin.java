package dev.orchestrator.plugin.shell;

import dev.orchestrator.plugin.support.Draft;
import dev.orchestrator.plugin.support.Folders;
import dev.orchestrator.plugin.support.Scripts;
import dev.orchestrator.spi.Detection;
import dev.orchestrator.spi.HostContext;
import dev.orchestrator.spi.LaunchPlan;
import dev.orchestrator.spi.LaunchRequest;
import dev.orchestrator.spi.PlanException;
import dev.orchestrator.spi.RuntimePlugin;
import dev.orchestrator.spi.Script;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runtime {@code shell}: {@code run.sh}, {@code start.sh} or {@code script:} (a file or a command on PATH). An
 * executable script is exec'd itself so its shebang decides; any other runs with {@code /bin/sh}; an explicit
 * {@code interpreter:} (e.g. {@code bash}) runs it instead. Stateless.
 */
public final class ShellPlugin implements RuntimePlugin {

    private static final List<String> ENTRIES = List.of("run.sh", "start.sh");
    /** POSIX guarantees it; named in full so the plan shows what runs. */
    static final String SH = "/bin/sh";

    @Override
    public String id() {
        return "shell";
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public List<String> detectionHints() {
        return ENTRIES;
    }

    @Override
    public Detection detect(Path folder, HostContext host) {
        return ENTRIES.stream().filter(name -> host.isFile(folder, name)).findFirst()
                .map(name -> Detection.of(Detection.LIKELY, name))
                .orElse(Detection.none("no run.sh or start.sh"));
    }

    @Override
    public LaunchPlan plan(LaunchRequest request) throws PlanException {
        Draft draft = new Draft();
        if (Scripts.execsItself(request)) {
            return draft.build(Scripts.execItself(request, draft));
        }
        List<String> argv = switch (request.script().orElse(null)) {
            case Script.File file -> file(file.text(), Scripts.existing(file), request, draft);
            case Script.Command command -> command(command.text(), request, draft);
            case null -> conventional(request, draft);
        };
        return draft.build(argv);
    }

    private static List<String> conventional(LaunchRequest request, Draft draft) throws PlanException {
        for (String name : ENTRIES) {
            Path file = request.cwd().resolve(name);
            if (request.host().isFile(request.cwd(), name)) {
                draft.note("no script: running " + name);
                return file(name, file, request, draft);
            }
        }
        throw new PlanException("no entry script in " + Scripts.shown(request) + ": no script:, run.sh or start.sh",
                "set script: to the script or command to run");
    }

    private static List<String> file(String text, Path file, LaunchRequest request, Draft draft) throws PlanException {
        if (Folders.isDirectory(request.host(), file)) {
            throw new PlanException("script '" + text + "' is a folder: " + file, "set script: to the script file to run");
        }
        if (request.interpreter().isPresent()) {
            Path shell = Scripts.interpreter(request.interpreter().get(), request);
            draft.note("interpreter: " + request.interpreter().get() + " given: running " + text + " with " + shell);
            return Scripts.argv(shell, request.interpreterArgs(), file, request.args());
        }
        Head head = Head.of(file);
        if (Files.isExecutable(file) && head.execsItself()) {
            draft.note(text + " is executable: exec'ing it, " + (head.binary() ? "a binary" : "its shebang decides"));
            Scripts.ignoredInterpreterArgs(request, draft, text + " is exec'd itself (set interpreter: to pass them to a shell)");
            return Scripts.argv(file, request.args());
        }
        if (head.foreignShebang()) {
            draft.warning(text + " is not executable, so " + SH + " runs it instead of its shebang (" + head.shebang()
                    + "); chmod +x " + text);
        } else {
            draft.note(text + (Files.isExecutable(file) ? " has no #! line" : " is not executable") + ": running it with " + SH);
        }
        return Scripts.argv(SH, request.interpreterArgs(), file, request.args());
    }

    private static List<String> command(String name, LaunchRequest request, Draft draft) throws PlanException {
        Path executable = Scripts.onPath(name, request.host());
        if (request.interpreter().isPresent()) {
            Path shell = Scripts.interpreter(request.interpreter().get(), request);
            draft.note("interpreter: " + request.interpreter().get() + " given: running " + executable + " with " + shell);
            return Scripts.argv(shell, request.interpreterArgs(), executable, request.args());
        }
        draft.note("'" + name + "' is a command: exec'ing " + executable + " from PATH");
        Scripts.ignoredInterpreterArgs(request, draft, "'" + name + "' is exec'd itself (set interpreter: to pass them to a shell)");
        return Scripts.argv(executable, request.args());
    }
}
