package dev.orchestrator.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to launch an app: the host execs {@code argv} in {@code cwd} with the app's env plus {@code envDefaults}.
 *
 * @param argv        the program and its arguments; {@code argv[0]} is an executable path or a name on PATH. Never a
 *                    shell string: the host execs it directly.
 * @param envDefaults env the runtime wants by default (e.g. {@code PYTHONUNBUFFERED=1}); the descriptor's env overrides it
 * @param notes       how the plan was chosen, for {@code config --explain}, e.g. {@code "Pipfile found: using pipenv"}
 * @param warnings    things the user should fix but that do not stop the launch, e.g. {@code "src/ is newer than dist/"}
 */
public record LaunchPlan(List<String> argv, Map<String, String> envDefaults, List<String> notes, List<String> warnings) {

    public LaunchPlan {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must name a program");
        }
        // insertion order is kept, so what config prints is stable from run to run
        envDefaults = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(envDefaults));
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
    }

    public static Builder builder(List<String> argv) {
        return new Builder(argv);
    }

    /** Collects a plan step by step; plugins usually add notes as they decide. */
    public static final class Builder {
        private final List<String> argv;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> notes = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();

        private Builder(List<String> argv) {
            this.argv = new ArrayList<>(Objects.requireNonNull(argv, "argv"));
        }

        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        public Builder warning(String warning) {
            warnings.add(warning);
            return this;
        }

        public LaunchPlan build() {
            return new LaunchPlan(argv, env, notes, warnings);
        }
    }
}
