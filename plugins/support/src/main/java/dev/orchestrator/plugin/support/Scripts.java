package dev.orchestrator.plugin.support;

import dev.orchestrator.spi.HostContext;
import dev.orchestrator.spi.LaunchRequest;
import dev.orchestrator.spi.PlanException;
import dev.orchestrator.spi.Script;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What every runtime does alike: check script files, resolve commands and interpreters, honour
 * {@code interpreter: none}, and build argv lists. Failures are {@link PlanException}s whose message and remedy name
 * the {@code script:} or {@code interpreter:} value the user wrote.
 *
 * <p>Stability: internal to the built-in plugins; third-party plugins may use it but it is not the SPI. Since 0.1.0.
 */
public final class Scripts {

    /** PM2's value for "exec the script itself, its shebang decides". */
    public static final String NONE = "none";

    private Scripts() {
    }

    /** Whether the app says {@code interpreter: none}; then {@link #execItself} plans it, whatever the runtime. */
    public static boolean execsItself(LaunchRequest request) {
        return request.interpreter().filter(NONE::equals).isPresent();
    }

    /** The script file's path, or a plan failure naming it when it does not exist. */
    public static Path existing(Script.File script) throws PlanException {
        if (!Files.exists(script.path())) {
            throw new PlanException("script '" + script.text() + "' not found: " + script.path() + " does not exist",
                    "fix script: (a relative path resolves against the app's cwd)");
        }
        return script.path();
    }

    /** The executable {@code command} names on the app's PATH. */
    public static Path onPath(String command, HostContext host) throws PlanException {
        return host.which(command).orElseThrow(() -> new PlanException(
                "'" + command + "' not found on PATH", "install it or give the full path in script:"));
    }

    /**
     * An explicit {@code interpreter:}: a value with {@code /} is a path (relative to the cwd), anything else a command
     * found with {@code which}. Only paths inside the app folder are checked here; the host reports others at launch.
     */
    public static Path interpreter(String value, LaunchRequest request) throws PlanException {
        if (!value.contains("/")) {
            return request.host().which(value).orElseThrow(() -> new PlanException(
                    "interpreter '" + value + "' not found on PATH", "install it or give the full path in interpreter:"));
        }
        Path cwd = request.cwd().toAbsolutePath().normalize();
        Path path = cwd.resolve(value).normalize();
        if (path.startsWith(cwd) && !Folders.isExecutableFile(request.host(), path)) {
            throw new PlanException("interpreter '" + value + "' not found: " + path + " is not an executable file",
                    "fix interpreter: (a relative path resolves against the app's cwd)");
        }
        return path;
    }

    /** {@code interpreter: none}: exec the script file itself (its shebang decides), or a command from PATH. */
    public static List<String> execItself(LaunchRequest request, Draft draft) throws PlanException {
        ignoredInterpreterArgs(request, draft, "interpreter: none execs the script itself");
        return switch (request.script().orElse(null)) {
            case Script.File file -> {
                Path path = existing(file);
                if (!Folders.isExecutableFile(request.host(), path)) {
                    throw new PlanException("script '" + file.text() + "' is not executable: " + path,
                            "chmod +x it (its shebang picks the interpreter), or remove interpreter: none");
                }
                draft.note("interpreter: none: exec'ing " + file.text() + " itself, its shebang decides");
                yield argv(path, request.args());
            }
            case Script.Command command -> {
                Path path = onPath(command.text(), request.host());
                draft.note("interpreter: none: exec'ing '" + command.text() + "' from PATH (" + path + ")");
                yield argv(path, request.args());
            }
            case null -> throw new PlanException(
                    "interpreter: none needs a script: to exec in " + shown(request),
                    "set script: to an executable file, or remove interpreter: none");
        };
    }

    /** Warns when {@code interpreter_args} were given but nothing takes them. */
    public static void ignoredInterpreterArgs(LaunchRequest request, Draft draft, String why) {
        if (!request.interpreterArgs().isEmpty()) {
            draft.warning("interpreter_args " + request.interpreterArgs() + " are ignored: " + why);
        }
    }

    /** The app's cwd as users read it: relative to the project root (see {@link Folders#shown}). */
    public static String shown(LaunchRequest request) {
        return Folders.shown(request.cwd(), request.host().projectRoot());
    }

    /** Flattens strings, paths and lists of them into one argv, so plans read like the command line they build. */
    public static List<String> argv(Object... parts) {
        List<String> out = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Collection<?> many) {
                many.forEach(p -> out.add(p.toString()));
            } else {
                out.add(part.toString());
            }
        }
        return out;
    }
}
