package dev.orchestrator.migrate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One app as a PM2 config exported it, after evaluation: its keys as JSON values (strings, numbers, booleans, lists,
 * maps; env blocks already as strings, the way PM2 hands them to the child).
 *
 * @param config  the app's keys in the order written
 * @param origins per env block ({@code env}, {@code env_production}...), the keys whose value came from the
 *                environment: {@code dotenv:NAME} (loaded while the config ran) or {@code process.env:NAME}
 * @param unset   per env block, the keys whose value was {@code undefined} or {@code null} (PM2 drops them)
 */
public record Pm2App(Map<String, Object> config, Map<String, Map<String, String>> origins,
                     Map<String, List<String>> unset) {

    public Pm2App {
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        origins = Map.copyOf(origins);
        unset = Map.copyOf(unset);
    }

    public static Pm2App of(Map<String, Object> config) {
        return new Pm2App(config, Map.of(), Map.of());
    }

    /** The name PM2 would give it: {@code name}, else the script's file name without extension (PM2's rule). */
    public String name() {
        Object name = config.get("name");
        if (name != null) {
            return String.valueOf(name);
        }
        Object script = config.getOrDefault("script", config.getOrDefault("cmd", config.get("command")));
        if (script == null) {
            return "undefined";
        }
        String base = java.nio.file.Path.of(String.valueOf(script)).getFileName().toString();
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    /** Name, script and cwd: two configs exporting an app with the same three define the same app. */
    public List<Object> identity() {
        return java.util.Arrays.asList(name(), config.get("script"), config.get("cwd"));
    }

    /** Where the value of {@code key} in env block {@code block} came from, or null when it was written in the file. */
    public String origin(String block, String key) {
        return origins.getOrDefault(block, Map.of()).get(key);
    }
}
