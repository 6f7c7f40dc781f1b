package dev.orchestrator.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where third-party plugin jars are looked for, in order, and where their private copies go.
 *
 * <p>By default: {@code <root>/.orchestrator/plugins/}, then the per-user folder ({@code
 * $XDG_CONFIG_HOME/orchestrator/plugins/}, else {@code ~/.config/orchestrator/plugins/}). A non-empty {@code plugin_dirs}
 * in {@code orchestrator.yaml} replaces that list (name the defaults in it to extend them); entries are relative to the
 * project root and may start with {@code ~/}. Missing folders are skipped.
 *
 * @param folders the folders to search for {@code *.jar}, in load order
 * @param cache   where jars are copied before loading
 */
public record PluginDirs(List<Path> folders, Path cache) {

    /** The project's own plugin folder, relative to the root. */
    public static final String PROJECT_FOLDER = ".orchestrator/plugins";
    /** Jar copies of a project, relative to the root. */
    public static final String PROJECT_CACHE = ".orchestrator/cache/plugin-jars";

    public PluginDirs {
        folders = List.copyOf(folders);
        Objects.requireNonNull(cache, "cache");
    }

    /** No third-party folders: the built-ins only. */
    public static PluginDirs none(Path cache) {
        return new PluginDirs(List.of(), cache);
    }

    /**
     * The folders for a project.
     *
     * @param configured {@code plugin_dirs} from {@code orchestrator.yaml}; empty means the defaults
     * @param env        the orchestrator's environment ({@code HOME}, {@code XDG_CONFIG_HOME})
     */
    public static PluginDirs forProject(Path root, List<String> configured, Map<String, String> env) {
        List<Path> folders = new ArrayList<>();
        if (configured.isEmpty()) {
            folders.add(root.resolve(PROJECT_FOLDER));
            folders.add(userFolder(env));
        } else {
            configured.forEach(entry -> folders.add(resolve(root, entry, env)));
        }
        return new PluginDirs(folders.stream().map(Path::normalize).distinct().toList(), root.resolve(PROJECT_CACHE));
    }

    /** Outside a project ({@code orchestrator plugins} anywhere): the per-user folder, copies in the user's cache. */
    public static PluginDirs forUser(Map<String, String> env) {
        Path cache = env.containsKey("XDG_CACHE_HOME") && !env.get("XDG_CACHE_HOME").isBlank()
                ? Path.of(env.get("XDG_CACHE_HOME")) : home(env).resolve(".cache");
        return new PluginDirs(List.of(userFolder(env)), cache.resolve("orchestrator/plugin-jars"));
    }

    /** {@code $XDG_CONFIG_HOME/orchestrator/plugins}, else {@code ~/.config/orchestrator/plugins}. */
    public static Path userFolder(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home(env).resolve(".config");
        return config.resolve("orchestrator/plugins");
    }

    private static Path resolve(Path root, String entry, Map<String, String> env) {
        if (entry.equals("~")) {
            return home(env);
        }
        if (entry.startsWith("~/")) {
            return home(env).resolve(entry.substring(2));
        }
        return root.resolve(entry);
    }

    private static Path home(Map<String, String> env) {
        String home = env.get("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
    }
}
