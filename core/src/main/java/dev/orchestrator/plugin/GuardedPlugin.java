package dev.orchestrator.plugin;

import dev.orchestrator.spi.Detection;
import dev.orchestrator.spi.HostContext;
import dev.orchestrator.spi.LaunchPlan;
import dev.orchestrator.spi.LaunchRequest;
import dev.orchestrator.spi.PlanException;
import dev.orchestrator.spi.RuntimePlugin;
import java.nio.file.Path;
import java.util.List;

/**
 * How the host holds every plugin: the id, SPI version, version and hints are read once at load (so a plugin that
 * throws there is a load failure, not a crash later), and {@code detect}/{@code plan} run with the plugin's class loader
 * as the thread's context loader (libraries inside a plugin jar that use {@link java.util.ServiceLoader} find their own
 * files) and with any unexpected throwable turned into a message naming class, jar and cause.
 */
final class GuardedPlugin implements RuntimePlugin {

    private final RuntimePlugin delegate;
    private final String source;
    private final String id;
    private final int spiVersion;
    private final String version;
    private final List<String> hints;

    private GuardedPlugin(RuntimePlugin delegate, String source, String id, int spiVersion, String version,
                          List<String> hints) {
        this.delegate = delegate;
        this.source = source;
        this.id = id;
        this.spiVersion = spiVersion;
        this.version = version;
        this.hints = hints;
    }

    /** Reads what never changes; any exception here is the plugin failing to load. */
    static GuardedPlugin of(RuntimePlugin plugin, String source) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(plugin.getClass().getClassLoader());
        try {
            String id = plugin.id();
            if (id == null || id.isBlank()) {
                throw new IllegalStateException("id() returned " + (id == null ? "null" : "a blank id"));
            }
            String version = plugin.version();
            List<String> hints = plugin.detectionHints();
            return new GuardedPlugin(plugin, source, id, plugin.spiVersion(), version == null ? "unknown" : version,
                    hints == null ? List.of() : List.copyOf(hints));
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    RuntimePlugin delegate() {
        return delegate;
    }

    String source() {
        return source;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int spiVersion() {
        return spiVersion;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public List<String> detectionHints() {
        return hints;
    }

    @Override
    public Detection detect(Path folder, HostContext host) {
        ClassLoader previous = swapContextLoader();
        try {
            Detection detection = delegate.detect(folder, host);
            if (detection == null) {
                throw new PluginFailure(describe() + " returned no detection (null) for " + folder, null);
            }
            return detection;
        } catch (RuntimeException | LinkageError e) {
            if (e instanceof PluginFailure failure) {
                throw failure;
            }
            throw new PluginFailure(describe() + " threw " + e, e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Override
    public LaunchPlan plan(LaunchRequest request) throws PlanException {
        ClassLoader previous = swapContextLoader();
        try {
            LaunchPlan plan = delegate.plan(request);
            if (plan == null) {
                throw new PlanException("plugin '" + id + "' (" + describe() + ") returned no plan for app '"
                        + request.appName() + "'", "report it to the plugin's author, or set runtime: to another plugin");
            }
            return plan;
        } catch (RuntimeException | LinkageError e) {
            throw new PlanException("plugin '" + id + "' (" + describe() + ") failed while planning app '"
                    + request.appName() + "': " + e, "report it to the plugin's author, or set runtime: to another plugin");
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** {@code com.example.DenoPlugin from /home/me/.config/orchestrator/plugins/deno.jar}. */
    String describe() {
        return delegate.getClass().getName() + " from " + source;
    }

    private ClassLoader swapContextLoader() {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(delegate.getClass().getClassLoader());
        return previous;
    }

    @Override
    public String toString() {
        return "plugin '" + id + "' (" + describe() + ")";
    }
}
