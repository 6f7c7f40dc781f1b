package dev.orchestrator.cli;

import dev.orchestrator.descriptor.RootConfig;
import dev.orchestrator.descriptor.RootConfigReader;
import dev.orchestrator.plan.ProjectLoader;
import dev.orchestrator.plan.ProjectPlan;
import dev.orchestrator.plugin.PluginDirs;
import dev.orchestrator.plugin.PluginRegistry;
import java.nio.file.Path;
import java.util.function.Function;

/** Loads a project the same way for every verb that reads descriptors. */
final class Projects {

    private Projects() {
    }

    /** The built-ins plus the jars of the project's plugin folders ({@code plugin_dirs}, else the defaults). */
    static PluginRegistry plugins(Path root) {
        return plugins(root, new RootConfigReader().read(root));
    }

    private static PluginRegistry plugins(Path root, RootConfig config) {
        return PluginRegistry.load(Projects.class.getClassLoader(), pluginDirs(root, config));
    }

    /** The project's plugin folders: {@code plugin_dirs}, else .orchestrator/plugins and the per-user folder. */
    static PluginDirs pluginDirs(Path root) {
        return pluginDirs(root, new RootConfigReader().read(root));
    }

    private static PluginDirs pluginDirs(Path root, RootConfig config) {
        return PluginDirs.forProject(root, config.pluginDirs(), System.getenv());
    }

    /** Outside a project: the built-ins plus the jars of the per-user plugin folder. */
    static PluginRegistry userPlugins() {
        return PluginRegistry.load(Projects.class.getClassLoader(), PluginDirs.forUser(System.getenv()));
    }

    /** Reads {@code orchestrator.yaml} once: for the plugin folders and for the load itself. */
    static ProjectPlan load(Path root) {
        return load(root, new RootConfigReader()::read);
    }

    /** {@code readConfig} is a seam for tests that count the reads. */
    static ProjectPlan load(Path root, Function<Path, RootConfig> readConfig) {
        RootConfig config = readConfig.apply(root);
        return new ProjectLoader(System.getenv(), plugins(root, config)).load(root, config);
    }
}
