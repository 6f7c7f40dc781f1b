package dev.orchestrator.plugin;

import dev.orchestrator.spi.RuntimePlugin;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The runtime plugins: the built-ins on the class path, then the jars of the plugin folders ({@link PluginDirs}), each in
 * its own class loader. Like JUnit's launcher with engines: a plugin that fails to load, targets another SPI version, or
 * repeats an id is reported, and the others still load; apps that needed it fail with the cause. When an id is
 * provided twice, the first one loaded (built-ins first, then folder order, then file name) is kept.
 */
public final class PluginRegistry {

    /** Shown as the source of plugins on the class path. */
    public static final String BUILT_IN = "built-in";

    /**
     * A plugin and where it came from.
     *
     * @param plugin the plugin as the host calls it (exceptions become messages naming class and source)
     * @param source {@value #BUILT_IN}, or the path of the jar it was loaded from (the user's file, not the private copy)
     */
    public record Loaded(RuntimePlugin plugin, String source) {
        public String id() {
            return plugin.id();
        }

        /** The plugin's own class, e.g. {@code com.example.DenoPlugin}. */
        public String className() {
            return plugin instanceof GuardedPlugin guarded ? guarded.delegate().getClass().getName()
                    : plugin.getClass().getName();
        }

        /** The jar it was loaded from; empty for built-ins. */
        public Optional<Path> jar() {
            return source.equals(BUILT_IN) ? Optional.empty() : Optional.of(Path.of(source));
        }
    }

    /** A provider before it is instantiated, from the class path or a jar. */
    private record Candidate(ServiceLoader.Provider<RuntimePlugin> provider, String source, URLClassLoader jarLoader) {
    }

    private final Map<String, Loaded> byId;
    private final List<String> problems;
    private final PluginDirs dirs;

    private PluginRegistry(Map<String, Loaded> byId, List<String> problems, PluginDirs dirs) {
        this.byId = byId;
        this.problems = List.copyOf(problems);
        this.dirs = dirs;
    }

    /** The plugins visible to {@code loader} only (the built-ins are on the class path). */
    public static PluginRegistry load(ClassLoader loader) {
        return load(loader, PluginDirs.none(Path.of(System.getProperty("java.io.tmpdir"))));
    }

    /** The plugins visible to {@code builtIns}, then those of the jars in {@code dirs}. */
    public static PluginRegistry load(ClassLoader builtIns, PluginDirs dirs) {
        List<String> problems = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (ServiceLoader.Provider<RuntimePlugin> provider : classPathProviders(builtIns, problems)) {
            // The class path is the orchestrator's own (the launcher runs java -jar): whatever is on it ships with us.
            candidates.add(new Candidate(provider, BUILT_IN, null));
        }
        for (PluginJars.Found found : new PluginJars(dirs.cache(), problems).load(dirs.folders())) {
            candidates.add(new Candidate(found.provider(), found.jar().toString(), found.loader()));
        }
        Map<String, Loaded> byId = new LinkedHashMap<>();
        Set<URLClassLoader> used = new HashSet<>();
        for (Candidate candidate : candidates) {
            admit(candidate, byId, problems).ifPresent(loaded -> {
                if (candidate.jarLoader() != null) {
                    used.add(candidate.jarLoader());
                }
            });
        }
        // A jar whose every plugin was refused holds nothing we call: release its copy now.
        candidates.stream().map(Candidate::jarLoader).filter(l -> l != null && !used.contains(l)).distinct()
                .forEach(PluginJars::close);
        return new PluginRegistry(byId, problems, dirs);
    }

    /** Instantiates one candidate and checks its SPI version and id; returns it when it joined the registry. */
    private static Optional<Loaded> admit(Candidate candidate, Map<String, Loaded> byId, List<String> problems) {
        String className = candidate.provider().type().getName();
        String source = candidate.source();
        GuardedPlugin plugin;
        try {
            plugin = GuardedPlugin.of(candidate.provider().get(), source);
        } catch (RuntimeException | ServiceConfigurationError | LinkageError e) {
            Throwable cause = e instanceof ServiceConfigurationError && e.getCause() != null ? e.getCause() : e;
            problems.add("plugin '" + className + "' failed to load from " + source + ": " + cause
                    + "; its runtime is unavailable until the plugin is fixed or removed");
            return Optional.empty();
        }
        String id = plugin.id();
        int spi = plugin.spiVersion();
        if (spi != RuntimePlugin.SPI_VERSION) {
            String remedy = spi > RuntimePlugin.SPI_VERSION
                    ? "upgrade the orchestrator, or use a release of the plugin built for SPI " + RuntimePlugin.SPI_VERSION
                    : "use a release of the plugin built for SPI " + RuntimePlugin.SPI_VERSION;
            problems.add("plugin '" + id + "' (" + className + ", " + source + ") targets SPI version " + spi
                    + " but this orchestrator speaks SPI version " + RuntimePlugin.SPI_VERSION + "; " + remedy);
            return Optional.empty();
        }
        Loaded loaded = new Loaded(plugin, source);
        Loaded previous = byId.putIfAbsent(id, loaded);
        if (previous != null) {
            problems.add("plugin id '" + id + "' is provided twice: by " + previous.className() + " ("
                    + previous.source() + ") and by " + className + " (" + source + "); remove one of them (until then "
                    + "the first is used)");
            return Optional.empty();
        }
        return Optional.of(loaded);
    }

    private static List<ServiceLoader.Provider<RuntimePlugin>> classPathProviders(ClassLoader loader,
                                                                                   List<String> problems) {
        List<ServiceLoader.Provider<RuntimePlugin>> providers = new ArrayList<>();
        var iterator = ServiceLoader.load(RuntimePlugin.class, loader).stream().iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    return providers;
                }
                providers.add(iterator.next());
            } catch (ServiceConfigurationError e) {
                problems.add("a plugin could not be found: " + e.getMessage() + "; check its META-INF/services entry");
            }
        }
    }

    public Optional<RuntimePlugin> byId(String id) {
        return Optional.ofNullable(byId.get(id)).map(Loaded::plugin);
    }

    /** Loaded plugins sorted by id. */
    public List<Loaded> plugins() {
        return byId.values().stream().sorted(Comparator.comparing(Loaded::id)).toList();
    }

    public List<RuntimePlugin> runtimePlugins() {
        return plugins().stream().map(Loaded::plugin).toList();
    }

    public List<String> ids() {
        return plugins().stream().map(Loaded::id).toList();
    }

    /** The folders searched for plugin jars, in order. */
    public List<Path> folders() {
        return dirs.folders();
    }

    /** Load failures, SPI mismatches and duplicate ids, each a full sentence naming the jar, with its remedy. */
    public List<String> problems() {
        return problems;
    }
}
