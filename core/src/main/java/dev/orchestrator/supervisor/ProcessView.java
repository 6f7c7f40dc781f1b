package dev.orchestrator.supervisor;

import dev.orchestrator.process.ExitStatus;
import java.time.Instant;

/**
 * One row of {@code ls}: one process (one instance of an app).
 *
 * @param name      the app name
 * @param instance  0-based instance number
 * @param label     the process label ({@code name}, or {@code name-i} with several instances)
 * @param namespace the namespace, null for an app known only as failed
 * @param runtime   the runtime plugin id, null for an app known only as failed
 * @param status    the lifecycle status
 * @param pid       the live child's pid (also its group id), null when none
 * @param startedAt when the current or last child started, null when never
 * @param restarts  how many times it was started again (automatic and requested) since the app was first started
 * @param lastExit  how the last child ended, null when none has
 * @param reason    why it is in this status (errored, failed, exited, restarting), null when nothing to say
 */
public record ProcessView(
        String name, int instance, String label, String namespace, String runtime, ProcessState status, Integer pid,
        Instant startedAt, int restarts, ExitStatus lastExit, String reason) {
}
