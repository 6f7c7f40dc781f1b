package dev.orchestrator.descriptor;

/** The shape a descriptor key accepts; {@link ValueReader} turns a YAML node of that shape into a typed value. */
public enum ValueType {
    /** An app or namespace name: {@code [A-Za-z0-9][A-Za-z0-9_.-]*}, not {@code all}. */
    NAME("a name"),
    /** Any scalar, kept exactly as written. */
    STRING("a string"),
    /** A list of scalars, or one string split like a shell would (PM2 accepts both for {@code args}). */
    ARGS("a list of strings or one string"),
    /** A list of scalars, or a single scalar meaning a list of one. */
    STRING_LIST("a string or a list of strings"),
    /** {@code true} or {@code false}; YAML 1.1's yes/no/on/off are refused. */
    BOOLEAN("true or false"),
    /** Milliseconds as a number, or a number with ms, s, m or h. */
    DURATION("a duration (milliseconds, or e.g. 500ms, 10s, 5m, 1h)"),
    /** A whole number, 0 or more. */
    COUNT("a whole number (0 or more)"),
    /** Bytes as a number, or a number with K, M or G (binary: 1K = 1024 bytes). */
    MEMORY("a memory size (e.g. 512K, 200M, 1G)"),
    /** A whole number of 1 or more, or {@code max} for the CPU count. */
    INSTANCES("a number of instances (1 or more) or max"),
    /** {@code true}/{@code false}, or a list of paths to watch. */
    WATCH("true, false or a list of paths"),
    /** A mapping of variable names to scalar values, each kept as written. */
    ENV("a mapping of NAME: value"),
    /** A signal name such as SIGTERM or SIGINT. */
    SIGNAL("a signal name (e.g. SIGTERM, SIGINT)"),
    /** A list of exit codes 0..255, or one code. */
    EXIT_CODES("an exit code or a list of exit codes (0..255)"),
    /** A list of app names, or a mapping of app name to started, ready or completed. */
    DEPENDS_ON("a list of app names, or a mapping of name: started|ready|completed"),
    /** A mapping with one of http, tcp, exec or log, plus timing keys. */
    PROBE("a probe mapping (http:, tcp:, exec: or log:, with interval, timeout, initial_delay, failure_threshold)"),
    /** {@code true}/{@code false}, or a mapping with {@code timeout}. */
    HEARTBEAT("true, false or a mapping with timeout:"),
    /** A mapping with {@code max_size}, {@code retain}, {@code compress}. */
    LOG_ROTATE("a mapping with max_size, retain, compress"),
    /** A standard 5-field cron expression. */
    CRON("a 5-field cron expression (e.g. \"0 3 * * *\")");

    private final String description;

    ValueType(String description) {
        this.description = description;
    }

    /** What the user should write, for "expected ..." messages. */
    public String description() {
        return description;
    }
}
