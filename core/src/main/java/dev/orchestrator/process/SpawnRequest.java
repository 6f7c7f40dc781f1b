package dev.orchestrator.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run: the program and arguments (exec'd directly, no shell), the working directory, and the complete
 * environment (nothing is inherited from the orchestrator beyond what this map holds).
 */
public record SpawnRequest(List<String> argv, Path cwd, Map<String, String> env) {

    public SpawnRequest {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must not be empty");
        }
        Objects.requireNonNull(cwd, "cwd");
        env = Map.copyOf(env);
    }
}
