package dev.orchestrator.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the host knows about an app when it asks a plugin for a plan. Paths are absolute; values are after
 * {@code ${VAR}} interpolation.
 *
 * @param appName         the app's name, e.g. {@code duck_voice}
 * @param cwd             the folder the app runs in (its {@code service} folder, {@code cwd}, or the descriptor's folder)
 * @param script          the {@code script:} if one was given
 * @param args            the {@code args:} (appended after the entry)
 * @param interpreter     the {@code interpreter:} if given ({@code none} means: exec the script itself)
 * @param interpreterArgs the {@code interpreter_args:}
 * @param env             the env the app will get from the layers below the plugin's defaults (read-only)
 * @param host            facts about the machine
 */
public record LaunchRequest(
        String appName,
        Path cwd,
        Optional<Script> script,
        List<String> args,
        Optional<String> interpreter,
        List<String> interpreterArgs,
        Map<String, String> env,
        HostContext host) {

    public LaunchRequest {
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(cwd, "cwd");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(interpreter, "interpreter");
        Objects.requireNonNull(host, "host");
        args = List.copyOf(args);
        interpreterArgs = List.copyOf(interpreterArgs);
        env = Map.copyOf(env);
    }
}
