package dev.orchestrator.spi;

import java.nio.file.Path;
import java.util.List;

/**
 * A runtime plugin knows how to launch apps of one runtime (python, node, ...). Found with {@link java.util.ServiceLoader}.
 *
 * <p>Contract (stable since SPI 1):
 * <ul>
 *   <li>Methods are called from several threads at once; keep no mutable state across calls.</li>
 *   <li>Never start processes, never block on the network, never write files. What you need to know about the machine
 *       (is {@code uv} on PATH, which Node version) comes from the {@link HostContext}.</li>
 *   <li>{@link #detect} and {@link #plan} may read files in the app's folder; they should answer in milliseconds.</li>
 *   <li>When an app cannot be planned, throw {@link PlanException} with what is missing and the remedy; only that app fails.</li>
 * </ul>
 */
public interface RuntimePlugin {

    /** The SPI version this copy of the SPI defines. Plugins return it from {@link #spiVersion()}. */
    int SPI_VERSION = 1;

    /** The runtime id, the value of {@code runtime:} in descriptors, e.g. {@code python}. Lower case, stable. */
    String id();

    /**
     * The SPI version this plugin was compiled against. Implement it as {@code return SPI_VERSION;} so the constant is
     * compiled into the plugin: the host refuses plugins built for an SPI it does not speak.
     */
    int spiVersion();

    /** The plugin's own version, shown by {@code orchestrator plugins}. Defaults to the jar's Implementation-Version. */
    default String version() {
        String v = getClass().getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    /** Files whose presence makes {@link #detect} confident, for {@code orchestrator plugins}, e.g. {@code main.py}. */
    List<String> detectionHints();

    /**
     * Does this folder look like an app of this runtime, and how sure are we? Used for drop-in service folders (no
     * descriptor) and for descriptors that name no {@code runtime}. The most confident plugin wins; a tie is reported.
     */
    Detection detect(Path folder, HostContext host);

    /** Describes how to launch one app. Must not start anything. */
    LaunchPlan plan(LaunchRequest request) throws PlanException;
}
