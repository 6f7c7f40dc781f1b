package dev.orchestrator.supervisor;

import dev.orchestrator.logs.ConsolePrinter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * @param projectRoot the project root (for messages)
 * @param stateDir    {@code <root>/.orchestrator}: state.json lives there
 * @param runId       this run's id, set as {@code ORCHESTRATOR_RUN} in every child's environment
 * @param clock       for event and exit times and the restart policy
 * @param console     where app output and lifecycle messages are printed, or null (daemon, tests)
 */
public record SupervisorOptions(Path projectRoot, Path stateDir, String runId, Clock clock, ConsolePrinter console) {

    public SupervisorOptions {
        Objects.requireNonNull(projectRoot, "projectRoot");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(clock, "clock");
        if (!runId.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("run id must match [A-Za-z0-9_.-]+, was '" + runId + "'");
        }
    }

    /** Defaults for a project: state in {@code <root>/.orchestrator}, a fresh run id, the system clock. */
    public static SupervisorOptions forProject(Path projectRoot, ConsolePrinter console) {
        return new SupervisorOptions(projectRoot, projectRoot.resolve(".orchestrator"), newRunId(), Clock.systemUTC(),
                console);
    }

    /**
     * 16 random hex digits. The id only has to differ from other runs' (it marks their processes; it is no secret:
     * every child has it in its environment), so no {@code SecureRandom}: its first use initializes the JDK's
     * security providers, ~10 ms of CPU in front of the first spawn.
     */
    public static String newRunId() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
