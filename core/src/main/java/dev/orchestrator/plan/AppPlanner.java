package dev.orchestrator.plan;

import dev.orchestrator.descriptor.AppEntry;
import dev.orchestrator.descriptor.AppKey;
import dev.orchestrator.descriptor.Located;
import dev.orchestrator.descriptor.Problem;
import dev.orchestrator.descriptor.RootConfig;
import dev.orchestrator.descriptor.Settings;
import dev.orchestrator.descriptor.SourcePosition;
import dev.orchestrator.plugin.MachineFacts;
import dev.orchestrator.plugin.PluginRegistry;
import dev.orchestrator.spi.HostContext;
import dev.orchestrator.spi.LaunchPlan;
import dev.orchestrator.spi.LaunchRequest;
import dev.orchestrator.spi.PlanException;
import dev.orchestrator.spi.RuntimePlugin;
import dev.orchestrator.spi.Script;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans one app: paths, env layers, runtime, the plugin's launch plan, then the restart, stop, log and watch settings.
 * Everything is recomputed from the files each time, so an edited descriptor or env_file takes effect at the next start.
 * A failure fails this app only.
 */
public final class AppPlanner {

    private final Path root;
    private final RootConfig config;
    private final PluginRegistry plugins;
    private final MachineFacts facts;
    private final Map<String, String> inherited;
    private final RuntimeChooser chooser;
    private final SpecSettings settings;
    private final String heartbeatPort;
    private final String checkInterval;
    private final String heartbeatTimeout;

    public AppPlanner(Path root, RootConfig config, PluginRegistry plugins, MachineFacts facts,
                      Map<String, String> processEnv) {
        this.root = root;
        this.config = config;
        this.plugins = plugins;
        this.facts = facts;
        this.inherited = narrow(processEnv, config.inheritEnv());
        this.chooser = new RuntimeChooser(plugins, facts);
        this.settings = new SpecSettings(root, config);
        RootConfig.Heartbeat heartbeat = config.heartbeat();
        this.heartbeatPort = Integer.toString(heartbeat.port());
        this.checkInterval = Long.toString(heartbeat.checkInterval().toMillis());
        this.heartbeatTimeout = Long.toString(heartbeat.timeout().toMillis());
    }

    private static Map<String, String> narrow(Map<String, String> env, RootConfig.InheritEnv inherit) {
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((k, v) -> {
            if (inherit.inherits(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    public PlannedApp plan(AppCandidate app) {
        AppEntry entry = app.entry().over(config.defaults());
        String namespace = app.namespace(config.defaults());
        boolean disabled = entry.get(AppKey.DISABLED, Boolean.class).orElse(false);
        try {
            return plan(app, entry, namespace, disabled);
        } catch (PlanFailure failure) {
            Problem problem = Problem.error(failure.position(), failure.getMessage()).forApp(app.name());
            Optional<String> runtime = failure.runtime().or(() -> entry.string(AppKey.RUNTIME))
                    .or(app::detectedRuntime);
            return new PlannedApp(app.name(), namespace, runtime,
                    app.source(), disabled, Optional.empty(), Map.of(), List.of(), List.of(), Optional.of(problem));
        }
    }

    private PlannedApp plan(AppCandidate app, AppEntry entry, String namespace, boolean disabled) throws PlanFailure {
        Path service = serviceFolder(app, entry);
        EnvLayers layers = envLayers(app, entry);
        ResolvedEnv baseEnv = layers.compute(Map.of());
        Path cwd = cwd(app, entry, service, baseEnv);
        Optional<Script> script = script(entry, cwd, baseEnv);
        RuntimePlugin plugin = chooser.choose(app, entry, cwd, script);
        HostContext host = facts.forPath(baseEnv.full().get("PATH"));
        LaunchRequest request = new LaunchRequest(app.name(), cwd, script,
                interpolateAll(entry, AppKey.ARGS, baseEnv), entry.string(AppKey.INTERPRETER),
                interpolateAll(entry, AppKey.INTERPRETER_ARGS, baseEnv), baseEnv.full(), host);
        LaunchPlan launch;
        try {
            launch = launch(plugin, request, app);
        } catch (PlanFailure failure) {
            throw failure.withRuntime(plugin.id());
        }
        ResolvedEnv env = layers.compute(launch.envDefaults());
        AppSpec spec = settings.spec(app, entry, namespace, plugin.id(), launch.argv(), cwd, env);
        return new PlannedApp(app.name(), namespace, Optional.of(plugin.id()), app.source(), disabled,
                Optional.of(spec), env.own(), launch.notes(), launch.warnings(), Optional.empty());
    }

    private static LaunchPlan launch(RuntimePlugin plugin, LaunchRequest request, AppCandidate app)
            throws PlanFailure {
        try {
            return plugin.plan(request);
        } catch (PlanException e) {
            throw new PlanFailure(app.position(), e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            throw new PlanFailure(app.position(), "plugin '" + plugin.id() + "' (" + plugin.getClass().getName()
                    + ") failed while planning: " + e + "; report it to the plugin's author");
        }
    }

    private Path serviceFolder(AppCandidate app, AppEntry entry) throws PlanFailure {
        Optional<String> service = entry.string(AppKey.SERVICE);
        if (service.isEmpty()) {
            return null;
        }
        Path folder = app.folder().resolve(service.get()).normalize();
        if (!Files.isDirectory(folder)) {
            throw new PlanFailure(entry.positionOf(AppKey.SERVICE).orElse(app.position()), "service folder '"
                    + service.get() + "' not found (looked for " + folder + "); fix the path, relative to "
                    + app.folder());
        }
        return folder;
    }

    private static Path cwd(AppCandidate app, AppEntry entry, Path service, ResolvedEnv env) throws PlanFailure {
        Optional<Located<Object>> cwd = Optional.ofNullable(entry.values().get(AppKey.CWD));
        if (cwd.isEmpty()) {
            return service != null ? service : app.folder();
        }
        Path folder = app.folder().resolve(interpolate((String) cwd.get().value(), cwd.get().position(), env))
                .normalize();
        if (!Files.isDirectory(folder)) {
            throw new PlanFailure(cwd.get().position(), "cwd '" + cwd.get().value() + "' not found (looked for "
                    + folder + "); fix the path, relative to " + app.folder());
        }
        return folder;
    }

    /** CONTRACTS: a script containing '/' or naming a file in the cwd is a file; otherwise a command. */
    private static Optional<Script> script(AppEntry entry, Path cwd, ResolvedEnv env) throws PlanFailure {
        Optional<Located<Object>> script = Optional.ofNullable(entry.values().get(AppKey.SCRIPT));
        if (script.isEmpty()) {
            return Optional.empty();
        }
        String text = interpolate((String) script.get().value(), script.get().position(), env);
        Path file = cwd.resolve(text).normalize();
        if (text.contains("/") || Files.isRegularFile(file)) {
            return Optional.of(new Script.File(text, file));
        }
        return Optional.of(new Script.Command(text));
    }

    /** {@code merged} is the app's entry over orchestrator.yaml's defaults (env and env_file come from the layers). */
    private EnvLayers envLayers(AppCandidate app, AppEntry merged) {
        Map<String, String> orchestratorDefaults = new LinkedHashMap<>();
        orchestratorDefaults.put("HEARTBEAT_PORT", heartbeatPort);
        orchestratorDefaults.put("CHECK_INTERVAL", checkInterval);
        // the project's values are one string shared by every app: a running daemon keeps them all
        orchestratorDefaults.put("HEARTBEAT_TIMEOUT", merged.get(AppKey.HEARTBEAT, Settings.Heartbeat.class)
                .flatMap(Settings.Heartbeat::timeout).map(t -> Long.toString(t.toMillis())).orElse(heartbeatTimeout));
        List<EnvSource> defaults = new ArrayList<>();
        defaults.add(new EnvSource.Fixed(orchestratorDefaults));
        app.agent().ifPresent(agent -> defaults.add(new EnvSource.Fixed(Map.of("AGENT_NAME", agent))));

        List<EnvSource> configured = new ArrayList<>();
        addEnv(configured, config.defaults(), root);
        app.fileLevel().envFiles().forEach(f -> configured.add(
                new EnvSource.File(app.folder().resolve(f.value()).normalize(), f.position())));
        configured.add(new EnvSource.Inline(app.fileLevel().env()));
        addEnv(configured, app.entry(), app.folder());
        // ordered: Map.of iterates in a per-JVM random order, and config --explain printed these two either way
        Map<String, String> identity = new LinkedHashMap<>();
        identity.put("PM2_PROCESS_NAME", app.name());
        identity.put("ORCHESTRATOR_APP", app.name());
        return new EnvLayers(inherited, defaults, configured, identity, root);
    }

    /** An entry's env_file(s), then its env: the env mapping is merged over the file's values, not replacing them. */
    private static void addEnv(List<EnvSource> out, AppEntry entry, Path folder) {
        SourcePosition at = entry.positionOf(AppKey.ENV_FILE).orElse(entry.position());
        entry.strings(AppKey.ENV_FILE).forEach(f -> out.add(new EnvSource.File(folder.resolve(f).normalize(), at)));
        out.add(new EnvSource.Inline(entry.env()));
    }

    private static List<String> interpolateAll(AppEntry entry, AppKey key, ResolvedEnv env) throws PlanFailure {
        List<String> out = new ArrayList<>();
        SourcePosition at = entry.positionOf(key).orElse(entry.position());
        for (String value : entry.strings(key)) {
            out.add(interpolate(value, at, env));
        }
        return out;
    }

    private static String interpolate(String text, SourcePosition at, ResolvedEnv env) throws PlanFailure {
        try {
            return Interpolation.resolve(text, name -> Optional.ofNullable(env.full().get(name)));
        } catch (Interpolation.UnsetVariableException e) {
            throw new PlanFailure(at, e.getMessage());
        }
    }
}
