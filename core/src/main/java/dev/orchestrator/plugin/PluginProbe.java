package dev.orchestrator.plugin;

import dev.orchestrator.plugin.DoctorReport.Finding;
import dev.orchestrator.spi.RuntimePlugin;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Creates registered plugin classes the way loading does (their own class loader over the jar, parent exposing only the
 * SPI) and asks each for its id and SPI version: what the host would refuse, the doctor reports first.
 */
final class PluginProbe {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_.-]*");

    private final Path jar;
    private final List<String> builtInIds;

    PluginProbe(Path jar, List<String> builtInIds) {
        this.jar = jar;
        this.builtInIds = builtInIds;
    }

    List<DoctorReport.Plugin> probe(List<String> classNames, List<Finding> findings) {
        List<DoctorReport.Plugin> plugins = new ArrayList<>();
        if (classNames.isEmpty()) {
            return plugins;
        }
        Map<String, String> classById = new HashMap<>();
        SpiOnlyClassLoader parent = new SpiOnlyClassLoader(RuntimePlugin.class.getClassLoader());
        try (URLClassLoader loader = new URLClassLoader("doctor:" + jar.getFileName(),
                new URL[] {jar.toUri().toURL()}, parent)) {
            for (String name : classNames) {
                GuardedPlugin plugin;
                try {
                    Object instance = loader.loadClass(name).getConstructor().newInstance();
                    plugin = GuardedPlugin.of((RuntimePlugin) instance, jar.toString());
                } catch (InvocationTargetException e) {
                    findings.add(failed(name, e.getCause()));
                    continue;
                } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                    findings.add(failed(name, e));
                    continue;
                }
                if (check(name, plugin, classById, findings)) {
                    plugins.add(new DoctorReport.Plugin(name, plugin.id(), plugin.spiVersion(), plugin.version()));
                }
            }
        } catch (IOException e) {
            findings.add(Finding.error(null, "cannot open the jar to create its plugins: " + e
                    + "; check that it is readable"));
        }
        return plugins;
    }

    private boolean check(String name, GuardedPlugin plugin, Map<String, String> classById, List<Finding> findings) {
        String id = plugin.id();
        if (plugin.spiVersion() != RuntimePlugin.SPI_VERSION) {
            findings.add(Finding.error(name, "class '" + name + "' targets SPI version " + plugin.spiVersion()
                    + " but this orchestrator speaks SPI version " + RuntimePlugin.SPI_VERSION + "; build it against "
                    + "orchestrator-spi with SPI_VERSION " + RuntimePlugin.SPI_VERSION
                    + " and return SPI_VERSION from spiVersion()"));
            return false;
        }
        String previous = classById.putIfAbsent(id, name);
        if (previous != null) {
            findings.add(Finding.error(name, "classes '" + previous + "' and '" + name + "' both have id '" + id
                    + "'; give each runtime its own id"));
            return false;
        }
        if (builtInIds.contains(id)) {
            findings.add(Finding.error(name, "class '" + name + "' has id '" + id + "', which a built-in plugin "
                    + "already provides, so the jar would be refused; choose another id"));
            return false;
        }
        if (!ID.matcher(id).matches()) {
            findings.add(Finding.warning(name, "class '" + name + "' has id '" + id + "'; ids are what users write in "
                    + "runtime:, keep them lower case ([a-z][a-z0-9_.-]*)"));
        }
        return true;
    }

    private static Finding failed(String name, Throwable cause) {
        return Finding.error(name, "class '" + name + "' failed to load: " + cause + "; the constructor, id(), "
                + "spiVersion(), version() and detectionHints() must not throw (fix the plugin)");
    }
}
