package dev.orchestrator.discovery;

import dev.orchestrator.spi.Detection;
import dev.orchestrator.spi.HostContext;
import dev.orchestrator.spi.RuntimePlugin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/** Asks every plugin about one candidate folder, once, and settles the answer: one winner, a tie, or nothing. */
final class DropInDetector {

    /** One plugin's answer. */
    record Vote(String runtimeId, Detection detection) {
        String describe() {
            return runtimeId + " (" + detection.confidence() + ": " + detection.reason() + ")";
        }
    }

    /** The settled answer: {@code top} holds the winner, or every plugin sharing the top confidence; empty for none. */
    record Outcome(List<Vote> top) {
        boolean recognised() {
            return !top.isEmpty();
        }

        boolean tie() {
            return top.size() > 1;
        }
    }

    private final List<RuntimePlugin> plugins;
    private final HostContext host;

    DropInDetector(List<RuntimePlugin> plugins, HostContext host) {
        this.plugins = List.copyOf(plugins);
        this.host = host;
    }

    /**
     * @param pluginFailed told the plugin id and the exception when a plugin throws; that plugin counts as "not mine"
     */
    Outcome detect(Path folder, BiConsumer<String, RuntimeException> pluginFailed) {
        List<Vote> votes = new ArrayList<>();
        for (RuntimePlugin plugin : plugins) {
            try {
                Detection d = plugin.detect(folder, host);
                if (d != null && d.matched()) {
                    votes.add(new Vote(plugin.id(), d));
                }
            } catch (RuntimeException e) {
                pluginFailed.accept(plugin.id(), e);
            }
        }
        int best = votes.stream().mapToInt(v -> v.detection().confidence()).max().orElse(0);
        return new Outcome(votes.stream()
                .filter(v -> v.detection().confidence() == best)
                .sorted(Comparator.comparing(Vote::runtimeId))
                .toList());
    }

    /** {@code node (80: package.json) and shell (80: run.sh)}; three or more read {@code a, b and c}. */
    static String listTied(List<Vote> tied) {
        List<String> parts = tied.stream().map(Vote::describe).collect(Collectors.toList());
        String last = parts.removeLast();
        return String.join(", ", parts) + " and " + last;
    }

    /** The ids of all plugins, for "no plugin recognised it (python, node)". */
    String pluginIds() {
        return plugins.stream().map(RuntimePlugin::id).collect(Collectors.joining(", "));
    }
}
