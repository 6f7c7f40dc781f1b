package dev.orchestrator.control;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code describe NAME} shows: the resolved spec, where the logs go, the processes and their history.
 *
 * @param name           the app name
 * @param namespace      its namespace
 * @param runtime        the runtime plugin id
 * @param source         the descriptor file, or the drop-in folder, it came from
 * @param argv           the program and arguments as launched
 * @param cwd            the working directory
 * @param env            the environment the orchestrator sets, secrets already masked as {@code ****}
 * @param logs           the log files of each instance
 * @param processes      the current rows of its instances, as {@code ls} shows them
 * @param restartHistory restarts, oldest first, with the exit that caused each and the reason
 * @param lastStderr     the last lines the app wrote to stderr before its last crash (empty when it never crashed)
 */
public record AppDetails(
        String name,
        String namespace,
        String runtime,
        Path source,
        List<String> argv,
        Path cwd,
        Map<String, String> env,
        List<LogFiles> logs,
        List<ProcessRow> processes,
        List<RestartRecord> restartHistory,
        List<String> lastStderr) {

    public AppDetails {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(source, "source");
        argv = List.copyOf(argv);
        Objects.requireNonNull(cwd, "cwd");
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        logs = List.copyOf(logs);
        processes = List.copyOf(processes);
        restartHistory = List.copyOf(restartHistory);
        lastStderr = List.copyOf(lastStderr);
    }

    /** The stdout and stderr files of one instance. */
    public record LogFiles(int instance, Path outFile, Path errFile) {
    }

    /**
     * One restart: when, which instance, how the process before it ended ({@code code} or {@code signal}, null when
     * it was a requested restart of a running process) and why it was restarted ({@code crashed}, {@code watch},
     * {@code requested}, {@code heartbeat timeout}...).
     */
    public record RestartRecord(Instant at, int instance, Integer code, String signal, String reason) {
        public RestartRecord {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
