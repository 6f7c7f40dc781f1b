package dev.orchestrator.control;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One process as {@code ls} shows it; the fields of a row of CONTRACTS' {@code ls --json}, in that order.
 *
 * @param name        the app name
 * @param instance    0-based instance number ({@code NODE_APP_INSTANCE})
 * @param namespace   the app's namespace ({@code default}, or an agent's name)
 * @param runtime     the runtime plugin id
 * @param status      the lifecycle state
 * @param pid         the process group leader's pid while there is a process
 * @param uptimeMs    milliseconds since the current process started; 0 when none runs
 * @param restarts    how many times it was restarted since the orchestrator started it first
 * @param cpuPercent  CPU use of the whole process group, percent of one core; 0 when none runs
 * @param memoryBytes resident memory of the whole process group; 0 when none runs
 * @param lastExit    how the previous process ended; {@link LastExit#NONE} when none has ended yet
 */
public record ProcessRow(
        String name,
        int instance,
        String namespace,
        String runtime,
        Status status,
        OptionalLong pid,
        long uptimeMs,
        int restarts,
        double cpuPercent,
        long memoryBytes,
        LastExit lastExit) {

    public ProcessRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(lastExit, "lastExit");
    }

    /** The address of this process as selectors and the resolver see it. */
    public Selector.ProcessRef ref() {
        return new Selector.ProcessRef(name, instance, namespace);
    }

    /** The states of CONTRACTS, written in lower case on the wire. */
    public enum Status {
        STARTING, RUNNING, READY, STOPPING, STOPPED, EXITED, BACKOFF, ERRORED, FAILED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The status written {@code text}; an unknown one is an error naming the known ones. */
        public static Status fromWire(String text) {
            for (Status s : values()) {
                if (s.wireName().equals(text)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("status '" + text + "' is not known: expected one of "
                    + java.util.Arrays.stream(values()).map(Status::wireName).toList());
        }
    }

    /**
     * How a process ended: {@code code} when it exited, {@code signal} (like {@code SIGKILL}) when a signal ended it.
     * Every field is null in {@link #NONE}; on the wire the object is always present, with nulls.
     */
    public record LastExit(Integer code, String signal, Instant at) {
        public static final LastExit NONE = new LastExit(null, null, null);

        public boolean isNone() {
            return at == null && code == null && signal == null;
        }
    }
}
