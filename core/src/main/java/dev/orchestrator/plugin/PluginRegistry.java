package dev.orchestrator.plugin;

import dev.orchestrator.spi.RuntimePlugin;
import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The runtime plugins found with {@link ServiceLoader}. Like JUnit's launcher with engines: a plugin that fails to
 * load, targets another SPI version, or repeats an id is reported, and the others still load; apps that needed it fail
 * with the cause.
 */
public final class PluginRegistry {

    /** A plugin and where it came from: {@code built-in}, or the jar it was loaded from. */
    public record Loaded(RuntimePlugin plugin, String source) {
        public String id() {
            return plugin.id();
        }
    }

    private final Map<String, Loaded> byId;
    private final List<String> problems;

    private PluginRegistry(Map<String, Loaded> byId, List<String> problems) {
        this.byId = byId;
        this.problems = List.copyOf(problems);
    }

    /** The plugins visible to {@code loader} (the built-ins are on the class path). */
    public static PluginRegistry load(ClassLoader loader) {
        Map<String, Loaded> byId = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        ServiceLoader<RuntimePlugin> services = ServiceLoader.load(RuntimePlugin.class, loader);
        for (ServiceLoader.Provider<RuntimePlugin> provider : providers(services, problems)) {
            String className = provider.type().getName();
            String source = sourceOf(provider.type());
            RuntimePlugin plugin;
            String id;
            int spi;
            try {
                plugin = provider.get();
                id = plugin.id();
                spi = plugin.spiVersion();
            } catch (RuntimeException | ServiceConfigurationError | LinkageError e) {
                problems.add("plugin '" + className + "' failed to load from " + source + ": " + e
                        + "; its runtime is unavailable until the plugin is fixed or removed");
                continue;
            }
            if (spi != RuntimePlugin.SPI_VERSION) {
                problems.add("plugin '" + id + "' (" + className + ", " + source + ") targets SPI version " + spi
                        + " but this orchestrator speaks SPI version " + RuntimePlugin.SPI_VERSION
                        + "; use a plugin release built for SPI " + RuntimePlugin.SPI_VERSION);
                continue;
            }
            Loaded previous = byId.putIfAbsent(id, new Loaded(plugin, source));
            if (previous != null) {
                problems.add("plugin id '" + id + "' is provided twice: by " + previous.plugin().getClass().getName()
                        + " (" + previous.source() + ") and by " + className + " (" + source + "); remove one of them");
            }
        }
        return new PluginRegistry(byId, problems);
    }

    private static List<ServiceLoader.Provider<RuntimePlugin>> providers(ServiceLoader<RuntimePlugin> services,
                                                                          List<String> problems) {
        List<ServiceLoader.Provider<RuntimePlugin>> providers = new ArrayList<>();
        var iterator = services.stream().iterator();
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

    private static String sourceOf(Class<?> type) {
        URL location = type.getProtectionDomain().getCodeSource() == null ? null
                : type.getProtectionDomain().getCodeSource().getLocation();
        URL own = PluginRegistry.class.getProtectionDomain().getCodeSource() == null ? null
                : PluginRegistry.class.getProtectionDomain().getCodeSource().getLocation();
        if (location == null || location.equals(own) || !location.getPath().endsWith(".jar")
                || location.getPath().contains("/plugins/")) {
            return "built-in";
        }
        return location.getPath();
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

    /** Load failures, SPI mismatches and duplicate ids, each a full sentence with its remedy. */
    public List<String> problems() {
        return problems;
    }
}
