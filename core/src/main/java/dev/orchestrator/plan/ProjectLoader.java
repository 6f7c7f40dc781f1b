package dev.orchestrator.plan;

import dev.orchestrator.descriptor.AppKey;
import dev.orchestrator.descriptor.DescriptorReader;
import dev.orchestrator.descriptor.ParsedDescriptor;
import dev.orchestrator.descriptor.Problem;
import dev.orchestrator.descriptor.RootConfig;
import dev.orchestrator.descriptor.RootConfigReader;
import dev.orchestrator.discovery.Discovery;
import dev.orchestrator.discovery.DiscoveryResult;
import dev.orchestrator.discovery.ProjectLayout;
import dev.orchestrator.plugin.MachineFacts;
import dev.orchestrator.plugin.PluginRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The loader pipeline, top to bottom: read orchestrator.yaml -> discover -> parse descriptors -> apply claims ->
 * check names -> plan every app. Every problem is collected; one bad file or app never hides the rest.
 */
public final class ProjectLoader {

    private final Map<String, String> processEnv;
    private final PluginRegistry plugins;

    public ProjectLoader(Map<String, String> processEnv, PluginRegistry plugins) {
        this.processEnv = Map.copyOf(processEnv);
        this.plugins = plugins;
    }

    /** Reads {@code orchestrator.yaml} afresh, then loads: what a reload does. */
    public ProjectPlan load(Path root) {
        return load(root, new RootConfigReader().read(root));
    }

    /**
     * Loads with a {@code config} the caller already read (for its {@code plugin_dirs}), so one load reads
     * {@code orchestrator.yaml} once. Its problems are reported with the plan's.
     */
    public ProjectPlan load(Path root, RootConfig config) {
        MachineFacts facts = new MachineFacts(root);
        ProjectLayout layout = ProjectLayout.of(root).withLogsDir(root.resolve(config.logs()).normalize())
                .withScanRoots(config.roots().stream().map(Path::of).toList());
        DiscoveryResult found = new Discovery(plugins.runtimePlugins(), facts.forPath(processEnv.get("PATH")))
                .discover(layout.settings(config.ignore(), config.detect()));
        DescriptorReader reader = new DescriptorReader();
        // parsed on the common pool (reading and composing is most of it); the list keeps discovery's order
        List<ParsedDescriptor> descriptors = found.descriptors().parallelStream().map(reader::read).toList();
        Candidates candidates = new Candidates(root, config);
        found = found.withoutClaimed(candidates.claims(descriptors));

        List<Problem> problems = new ArrayList<>(config.problems());
        problems.addAll(found.problems());
        List<AppCandidate> valid = new ArrayList<>();
        List<PlannedApp> apps = new ArrayList<>();
        for (ParsedDescriptor d : descriptors) {
            problems.addAll(d.problems());
            List<AppCandidate> fromFile = candidates.fromDescriptor(d);
            if (d.hasErrors()) {
                Problem error = firstError(d);
                fromFile.forEach(c -> apps.add(PlannedApp.failed(c.name(), c.namespace(config.defaults()), Optional.empty(),
                        c.source(), error)));
            } else {
                valid.addAll(fromFile);
            }
        }
        found.dropIns().forEach(dropIn -> valid.add(candidates.fromDropIn(dropIn)));
        apps.addAll(planAll(root, config, facts, valid));
        // depends_on spans apps, so it is checked once every app is planned: unknown names, cycles, `completed`.
        // where an app's depends_on is written: looked up only for the apps that fail the check
        Map<String, AppCandidate> byName = new HashMap<>();
        valid.forEach(c -> byName.put(c.name(), c));
        List<PlannedApp> checked = DependencyCheck.apply(apps, name -> Optional.ofNullable(byName.get(name))
                .map(c -> c.entry().over(config.defaults()).positionOf(AppKey.DEPENDS_ON).orElse(c.position())));
        apps.clear();
        apps.addAll(checked);
        apps.sort(java.util.Comparator.comparing(PlannedApp::name));
        return new ProjectPlan(root, config, plugins, found, apps, problems);
    }

    private List<PlannedApp> planAll(Path root, RootConfig config, MachineFacts facts, List<AppCandidate> valid) {
        Set<String> namespaces = new HashSet<>();
        valid.forEach(c -> namespaces.add(c.namespace(config.defaults())));
        Map<AppCandidate, String> nameFailures = NameRules.violations(valid, namespaces, root);
        AppPlanner planner = new AppPlanner(root, config, plugins, facts, processEnv);
        List<PlannedApp> out = new ArrayList<>();
        // Plugins read a few files per app and may ask a tool its version once: plan apps concurrently.
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<PlannedApp>> futures = new ArrayList<>();
            for (AppCandidate c : valid) {
                String failure = nameFailures.get(c);
                futures.add(failure == null ? pool.submit(() -> planner.plan(c))
                        : java.util.concurrent.CompletableFuture.completedFuture(PlannedApp.failed(c.name(),
                                c.namespace(config.defaults()), Optional.empty(), c.source(),
                                Problem.error(c.position(), failure))));
            }
            for (Future<PlannedApp> f : futures) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while planning apps", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("planning failed unexpectedly: " + e.getCause(), e.getCause());
        }
        return out;
    }

    private static Problem firstError(ParsedDescriptor d) {
        return d.problems().stream().filter(Problem::isError).findFirst().orElseThrow();
    }
}
