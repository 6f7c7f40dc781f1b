package dev.orchestrator.plan;

import dev.orchestrator.descriptor.Problem;
import dev.orchestrator.descriptor.RootConfig;
import dev.orchestrator.discovery.DiscoveryResult;
import dev.orchestrator.plugin.PluginRegistry;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything the loader pipeline learned about a project: its apps (runnable or failed, with why), every problem in
 * its files, and what discovery saw. {@code config} prints it; {@code up} runs the apps that are ok and not disabled.
 */
public record ProjectPlan(Path root, RootConfig config, PluginRegistry plugins, DiscoveryResult discovery,
                          List<PlannedApp> apps, List<Problem> problems) {

    public ProjectPlan {
        apps = List.copyOf(apps);
        problems = List.copyOf(problems);
    }

    /** True when {@code config} should exit 1: a file has an error, a plugin failed to load, or an app cannot run. */
    public boolean hasFailures() {
        return problems.stream().anyMatch(Problem::isError) || apps.stream().anyMatch(a -> !a.ok())
                || !plugins.problems().isEmpty();
    }

    /** The apps to start: planned, and not {@code disabled: true}. */
    public List<AppSpec> runnable() {
        return apps.stream().filter(a -> a.ok() && !a.disabled()).map(a -> a.spec().orElseThrow()).toList();
    }
}
