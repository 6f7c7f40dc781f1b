package dev.orchestrator.plan;

import dev.orchestrator.descriptor.Settings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the health package watches for one app: probes, dependencies, heartbeats and restart triggers. Every part is
 * optional; {@link #NONE} is an app with none of them (the default for apps and for tests that do not care).
 *
 * @param ready          the {@code ready:} probe: until it passes the app is {@code starting}, then {@code ready}
 * @param live           the {@code live:} probe: {@code failure_threshold} failures in a row restart the app
 * @param dependsOn      {@code depends_on}: app name to the condition it must reach first, in the order written
 * @param heartbeat      {@code heartbeat}: tracked from the start when enabled, with its own timeout if given
 * @param maxMemoryBytes {@code max_memory_restart}: restart when the group's resident memory exceeds it
 * @param cron           {@code cron_restart}: a 5-field UNIX cron expression, as written
 */
public record HealthSpec(
        Optional<Settings.Probe> ready,
        Optional<Settings.Probe> live,
        Map<String, Settings.Condition> dependsOn,
        Settings.Heartbeat heartbeat,
        OptionalLong maxMemoryBytes,
        Optional<String> cron) {

    /** No probes, no dependencies, heartbeats only when the app sends them, no memory or cron restarts. */
    public static final HealthSpec NONE = new HealthSpec(Optional.empty(), Optional.empty(), Map.of(),
            new Settings.Heartbeat(false, Optional.empty()), OptionalLong.empty(), Optional.empty());

    public HealthSpec {
        Objects.requireNonNull(ready, "ready");
        Objects.requireNonNull(live, "live");
        // most apps depend on nothing: a shared empty map, not an empty LinkedHashMap per app
        dependsOn = dependsOn.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(dependsOn));
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(maxMemoryBytes, "maxMemoryBytes");
        Objects.requireNonNull(cron, "cron");
    }
}
