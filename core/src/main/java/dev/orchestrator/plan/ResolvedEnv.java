package dev.orchestrator.plan;

import java.util.Map;
import java.util.Set;

/**
 * An app's environment.
 *
 * @param full       everything the process gets, the inherited environment included
 * @param own        only what the orchestrator sets (layers 2 to 6): what {@code config} shows
 * @param secretKeys keys to mask when printing: values from env files, and names that look secret
 */
public record ResolvedEnv(Map<String, String> full, Map<String, String> own, Set<String> secretKeys) {
}
