package dev.orchestrator.plan;

import dev.orchestrator.descriptor.AppEntry;
import dev.orchestrator.descriptor.AppKey;
import dev.orchestrator.descriptor.KeySuggester;
import dev.orchestrator.plugin.MachineFacts;
import dev.orchestrator.plugin.PluginRegistry;
import dev.orchestrator.spi.Detection;
import dev.orchestrator.spi.RuntimePlugin;
import dev.orchestrator.spi.Script;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks an app's runtime plugin: {@code runtime:} when given; else the script file's extension; else the most confident
 * plugin's detection in the app's folder (a tie is an error: the user names the runtime); else a bare command runs as
 * shell.
 */
final class RuntimeChooser {

    private static final Map<String, String> BY_EXTENSION = Map.of(
            "py", "python", "js", "node", "mjs", "node", "cjs", "node", "ts", "typescript", "mts", "typescript",
            "sh", "shell", "bash", "shell");

    private final PluginRegistry plugins;
    private final MachineFacts facts;

    RuntimeChooser(PluginRegistry plugins, MachineFacts facts) {
        this.plugins = plugins;
        this.facts = facts;
    }

    RuntimePlugin choose(AppCandidate app, AppEntry entry, Path cwd, Optional<Script> script) throws PlanFailure {
        Optional<String> named = entry.string(AppKey.RUNTIME).or(app::detectedRuntime);
        if (named.isPresent()) {
            return byId(named.get(), entry, app);
        }
        if (script.orElse(null) instanceof Script.File file) {
            String name = file.path().getFileName().toString();
            String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
            if (BY_EXTENSION.containsKey(extension)) {
                return byId(BY_EXTENSION.get(extension), entry, app);
            }
        }
        List<String> failures = new ArrayList<>();
        Optional<RuntimePlugin> detected = detect(app, cwd, failures);
        if (detected.isPresent()) {
            return detected.get();
        }
        if (script.isPresent()) {
            return byId("shell", entry, app);
        }
        String broken = failures.isEmpty() ? "" : " (" + String.join("; ", failures) + ")";
        throw new PlanFailure(app.position(), "cannot tell the runtime of app '" + app.name() + "': no plugin "
                + "recognised " + cwd + broken + " and there is no script:; set runtime: to one of " + plugins.ids());
    }

    private RuntimePlugin byId(String id, AppEntry entry, AppCandidate app) throws PlanFailure {
        Optional<RuntimePlugin> plugin = plugins.byId(id);
        if (plugin.isPresent()) {
            return plugin.get();
        }
        String hint = KeySuggester.closest(id, plugins.ids()).map(s -> "did you mean '" + s + "'? ").orElse("");
        String broken = plugins.problems().stream().filter(p -> p.contains("'" + id + "'")).findFirst()
                .map(p -> " (" + p + ")").orElse("");
        throw new PlanFailure(entry.positionOf(AppKey.RUNTIME).orElse(app.position()), "runtime '" + id
                + "' is not available" + broken + "; " + hint + "known runtimes: " + String.join(", ", plugins.ids()));
    }

    /** @param failures gets "plugin 'x' failed to detect: ..." for each plugin that threw (it does not claim the folder) */
    private Optional<RuntimePlugin> detect(AppCandidate app, Path folder, List<String> failures) throws PlanFailure {
        record Scored(RuntimePlugin plugin, Detection detection) {
        }
        List<Scored> scored = new ArrayList<>();
        for (RuntimePlugin plugin : plugins.runtimePlugins()) {
            try {
                Detection d = plugin.detect(folder, facts.forPath(System.getenv("PATH")));
                if (d.matched()) {
                    scored.add(new Scored(plugin, d));
                }
            } catch (RuntimeException | LinkageError e) {
                // A broken plugin must not hide the others: it does not claim the folder, and says why if no one does.
                failures.add("plugin '" + plugin.id() + "' failed to detect: " + e.getMessage());
            }
        }
        scored.sort(Comparator.comparingInt((Scored s) -> s.detection().confidence()).reversed());
        if (scored.isEmpty()) {
            return Optional.empty();
        }
        if (scored.size() > 1 && scored.get(0).detection().confidence() == scored.get(1).detection().confidence()) {
            throw new PlanFailure(app.position(), "runtime of app '" + app.name() + "' is ambiguous: "
                    + describe(scored.get(0).plugin(), scored.get(0).detection()) + " and "
                    + describe(scored.get(1).plugin(), scored.get(1).detection()) + " are equally sure; set runtime:");
        }
        return Optional.of(scored.getFirst().plugin());
    }

    private static String describe(RuntimePlugin plugin, Detection d) {
        return plugin.id() + " (" + d.confidence() + ": " + d.reason() + ")";
    }
}
