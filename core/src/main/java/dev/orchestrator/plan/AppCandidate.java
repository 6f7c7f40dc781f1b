package dev.orchestrator.plan;

import dev.orchestrator.descriptor.AppEntry;
import dev.orchestrator.descriptor.AppKey;
import dev.orchestrator.descriptor.FileLevel;
import dev.orchestrator.descriptor.Located;
import dev.orchestrator.descriptor.SourcePosition;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One app about to be planned: from a descriptor entry, or a drop-in folder (an empty entry with a detected runtime).
 *
 * @param name             the app's name (given, or its folder's)
 * @param position         where the app is written (the entry, or the drop-in folder)
 * @param source           the descriptor file, or the drop-in folder
 * @param folder           the folder paths resolve against: the descriptor's folder, or the drop-in folder
 * @param entry            the app's own keys (env and env_file included)
 * @param fileLevel        the descriptor's file-level env, env_file and namespace
 * @param agent            the agent the app belongs to, when it is described under {@code agents/<agent>/}
 * @param detectedRuntime  for drop-ins: the runtime discovery chose
 */
public record AppCandidate(String name, SourcePosition position, Path source, Path folder, AppEntry entry,
                           FileLevel fileLevel, Optional<String> agent, Optional<String> detectedRuntime) {

    /** The app's namespace, then the file's, then orchestrator.yaml's default, then its agent's, else {@code default}. */
    public String namespace(AppEntry defaults) {
        return entry.string(AppKey.NAMESPACE)
                .or(() -> fileLevel.namespace().map(Located::value))
                .or(() -> defaults.string(AppKey.NAMESPACE))
                .or(() -> agent)
                .orElse("default");
    }
}
