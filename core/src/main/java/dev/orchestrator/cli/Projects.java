package dev.orchestrator.cli;

import dev.orchestrator.descriptor.RootConfigReader;
import dev.orchestrator.plan.ProjectLoader;
import dev.orchestrator.plan.ProjectPlan;
import dev.orchestrator.plugin.PluginDirs;
import dev.orchestrator.plugin.PluginRegistry;
import java.nio.file.Path;

/** Loads a project the same way for every verb that reads descriptors. */
final class Projects {

    private Projects() {
    }

    /** The built-ins plus the jars of the project's plugin folders ({@code plugin_dirs}, else the defaults). */
    static PluginRegistry plugins(Path root) {
        return PluginRegistry.load(Projects.class.getClassLoader(), pluginDirs(root));
    }

    /** The project's plugin folders: {@code plugin_dirs}, else .orchestrator/plugins and the per-user folder. */
    static PluginDirs pluginDirs(Path root) {
        return PluginDirs.forProject(root, new RootConfigReader().read(root).pluginDirs(), System.getenv());
    }

    /** Outside a project: the built-ins plus the jars of the per-user plugin folder. */
    static PluginRegistry userPlugins() {
        return PluginRegistry.load(Projects.class.getClassLoader(), PluginDirs.forUser(System.getenv()));
    }

    static ProjectPlan load(Path root) {
        return new ProjectLoader(System.getenv(), plugins(root)).load(root);
    }
}
