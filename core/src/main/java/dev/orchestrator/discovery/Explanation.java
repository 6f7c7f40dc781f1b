package dev.orchestrator.discovery;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Why a folder was or was not picked up.
 *
 * @param folder  absolute path
 * @param reason  for humans, e.g. {@code drop-in python (Pipfile and main.py)} or
 *                {@code ignored by .orchestratorignore:3 'experiments/'}
 */
public record Explanation(Path folder, Verdict verdict, String reason) {

    public Explanation {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
    }
}
