package dev.orchestrator.cli;

import dev.orchestrator.plan.ProjectLoader;
import dev.orchestrator.plan.ProjectPlan;
import dev.orchestrator.plugin.PluginRegistry;
import java.nio.file.Path;

/** Loads a project the same way for every verb that reads descriptors. */
final class Projects {

    private Projects() {
    }

    static PluginRegistry plugins() {
        return PluginRegistry.load(Projects.class.getClassLoader());
    }

    static ProjectPlan load(Path root) {
        return new ProjectLoader(System.getenv(), plugins()).load(root);
    }
}
