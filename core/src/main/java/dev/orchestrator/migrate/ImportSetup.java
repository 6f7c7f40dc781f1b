package dev.orchestrator.migrate;

import dev.orchestrator.descriptor.RootConfig;
import dev.orchestrator.discovery.Explanation;
import dev.orchestrator.discovery.Verdict;
import dev.orchestrator.plan.ProjectPlan;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds an {@link ImportContext} from what the loader knows about the project before the import. */
public final class ImportSetup {

    private static final Set<Verdict> SERVICES = Set.of(Verdict.DROP_IN, Verdict.TIE, Verdict.CLAIMED,
            Verdict.DESCRIPTOR);

    private ImportSetup() {
    }

    /**
     * @param plan    the project as loaded now (its discovery says which folders are services)
     * @param configs the PM2 configs to import: their folders under a scan root become services too
     */
    public static ImportContext context(ProjectPlan plan, List<Path> configs, Optional<String> profile) {
        Path root = plan.root();
        RootConfig config = plan.config();
        List<Path> scanRoots = config.roots().stream().map(r -> root.resolve(r).normalize()).toList();
        Set<Path> services = new HashSet<>();
        for (Explanation e : plan.discovery().explanations()) {
            if (SERVICES.contains(e.verdict())) {
                services.add(e.folder());
            }
        }
        for (Path file : configs) {
            Path folder = file.getParent();
            if (scanRoots.stream().anyMatch(r -> folder.startsWith(r) && !folder.equals(r))) {
                services.add(folder);
            }
        }
        Map<String, String> computed = new LinkedHashMap<>();
        RootConfig.Heartbeat heartbeat = config.heartbeat();
        computed.put("HEARTBEAT_PORT", Integer.toString(heartbeat.port()));
        computed.put("CHECK_INTERVAL", Long.toString(heartbeat.checkInterval().toMillis()));
        computed.put("HEARTBEAT_TIMEOUT", Long.toString(heartbeat.timeout().toMillis()));
        return new ImportContext(root, root.resolve(config.logs()).normalize(), services::contains, computed, profile,
                scanRoots);
    }
}
