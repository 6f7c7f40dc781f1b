package dev.orchestrator.descriptor;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every key an app may have. PM2's names where PM2 has the option, so users migrate without relearning; ours for what
 * goes beyond PM2. The whole set is reserved from the start: keys whose behaviour lands later are validated now and
 * reported as "not supported yet" by {@code config}.
 */
public enum AppKey {
    NAME("name", ValueType.NAME),
    RUNTIME("runtime", ValueType.STRING),
    SCRIPT("script", ValueType.STRING),
    ARGS("args", ValueType.ARGS),
    INTERPRETER("interpreter", ValueType.STRING),
    INTERPRETER_ARGS("interpreter_args", ValueType.ARGS),
    CWD("cwd", ValueType.STRING),
    SERVICE("service", ValueType.STRING),
    ENV("env", ValueType.ENV),
    ENV_FILE("env_file", ValueType.STRING_LIST),
    INSTANCES("instances", ValueType.INSTANCES),
    WATCH("watch", ValueType.WATCH),
    IGNORE_WATCH("ignore_watch", ValueType.STRING_LIST),
    WATCH_DELAY("watch_delay", ValueType.DURATION),
    AUTORESTART("autorestart", ValueType.BOOLEAN),
    RESTART_DELAY("restart_delay", ValueType.DURATION),
    EXP_BACKOFF_RESTART_DELAY("exp_backoff_restart_delay", ValueType.DURATION),
    MAX_RESTARTS("max_restarts", ValueType.COUNT),
    MIN_UPTIME("min_uptime", ValueType.DURATION),
    STOP_EXIT_CODES("stop_exit_codes", ValueType.EXIT_CODES),
    KILL_TIMEOUT("kill_timeout", ValueType.DURATION),
    KILL_SIGNAL("kill_signal", ValueType.SIGNAL),
    OUT_FILE("out_file", ValueType.STRING),
    ERROR_FILE("error_file", ValueType.STRING),
    MERGE_LOGS("merge_logs", ValueType.BOOLEAN),
    LOG_DATE_FORMAT("log_date_format", ValueType.STRING),
    LOG_ROTATE("log_rotate", ValueType.LOG_ROTATE),
    MAX_MEMORY_RESTART("max_memory_restart", ValueType.MEMORY),
    CRON_RESTART("cron_restart", ValueType.CRON),
    NAMESPACE("namespace", ValueType.NAME),
    DEPENDS_ON("depends_on", ValueType.DEPENDS_ON),
    READY("ready", ValueType.PROBE),
    LIVE("live", ValueType.PROBE),
    HEARTBEAT("heartbeat", ValueType.HEARTBEAT),
    DISABLED("disabled", ValueType.BOOLEAN);

    private static final Map<String, AppKey> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(AppKey::key, Function.identity()));

    private final String key;
    private final ValueType type;
    private final boolean supported;

    AppKey(String key, ValueType type) {
        this(key, type, true);
    }

    AppKey(String key, ValueType type, boolean supported) {
        this.key = key;
        this.type = type;
        this.supported = supported;
    }

    /** The name as written in descriptors, e.g. {@code ignore_watch}. */
    public String key() {
        return key;
    }

    public ValueType type() {
        return type;
    }

    /** False for reserved keys whose behaviour has not landed yet; {@code config} warns about them. */
    public boolean supported() {
        return supported;
    }

    public static Optional<AppKey> byKey(String key) {
        return Optional.ofNullable(BY_NAME.get(key));
    }

    public static java.util.Set<String> keys() {
        return BY_NAME.keySet();
    }
}
