package dev.orchestrator.descriptor;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PM2's option names we do not take as they are: PM2's aliases for options we have under PM2's canonical name, and the
 * options with no equivalent here, each with the reason. The one list behind a descriptor's "unknown key" hints and
 * {@code orchestrator import}'s report, so no PM2 option disappears without a word.
 */
public final class Pm2Keys {

    /** PM2's alias -> PM2's canonical name (from PM2's schema), which is also ours where we have the option. */
    public static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("cmd", "script"), Map.entry("command", "script"), Map.entry("exec", "script"),
            Map.entry("exec_interpreter", "interpreter"),
            Map.entry("node_args", "interpreter_args"), Map.entry("interpreterArgs", "interpreter_args"),
            Map.entry("out", "out_file"), Map.entry("output", "out_file"), Map.entry("out_log", "out_file"),
            Map.entry("error", "error_file"), Map.entry("err", "error_file"), Map.entry("err_file", "error_file"),
            Map.entry("err_log", "error_file"),
            Map.entry("combine_logs", "merge_logs"), Map.entry("cron", "cron_restart"),
            Map.entry("log", "log_file"), Map.entry("pid", "pid_file"), Map.entry("user", "uid"));

    /** The order aliases are applied in, so a result never depends on map iteration order. */
    public static final List<String> ALIAS_ORDER = ALIASES.keySet().stream().sorted().toList();

    private static final String MONITORING = "a PM2 / PM2.io (Keymetrics) monitoring feature with no equivalent here";

    private static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            Map.entry("exec_mode", "every app runs as its own process (PM2's fork mode); remove it, and use instances: "
                    + "for several processes"),
            Map.entry("time", "use log_date_format: to prefix lines with a timestamp"),
            Map.entry("log_file", "there is no combined log: output goes to out_file and error_file"),
            Map.entry("log_type", "log lines are stored as the app prints them (no JSON wrapping); log_date_format "
                    + "adds a timestamp"),
            Map.entry("pid_file", "pids are kept in .orchestrator/state.json and shown by orchestrator ls"),
            Map.entry("wait_ready", "use a ready: probe (e.g. ready: {log: 'listening'})"),
            Map.entry("listen_timeout", "use a ready: probe with timeout and initial_delay"),
            Map.entry("shutdown_with_message", "apps are stopped by signal only (kill_signal)"),
            Map.entry("source_map_support", "pass --enable-source-maps in interpreter_args instead"),
            Map.entry("disable_source_map_support", "source maps are node's own default (off)"),
            Map.entry("vizion", "version metadata is not collected"),
            Map.entry("post_update", "PM2's deploy/pull hooks have no equivalent"),
            Map.entry("force", "names are unique, so an app never runs twice"),
            Map.entry("pmx", MONITORING), Map.entry("automation", MONITORING), Map.entry("trace", MONITORING),
            Map.entry("disable_trace", MONITORING), Map.entry("deep_monitoring", MONITORING),
            Map.entry("v8", MONITORING), Map.entry("event_loop_inspector", MONITORING), Map.entry("io", MONITORING),
            Map.entry("instance_var", "the instance number is always NODE_APP_INSTANCE"),
            Map.entry("increment_var", "no per-instance counter variable: derive it from NODE_APP_INSTANCE"),
            Map.entry("filter_env", "narrow the inherited environment project-wide with inherit_env: in "
                    + "orchestrator.yaml"),
            Map.entry("append_env_to_name", "names do not change with the env profile"),
            Map.entry("name_prefix", "names do not get prefixes; namespaces group apps"),
            Map.entry("uid", "apps run as the orchestrator's user; run another orchestrator as that user "
                    + "(orchestrator startup --system writes User=)"),
            Map.entry("gid", "apps run with the orchestrator's group"),
            Map.entry("username", "apps run as the orchestrator's user"),
            Map.entry("windowsHide", "Windows only"),
            Map.entry("kill_retry_time", "SIGKILL is sent once, kill_timeout after kill_signal, to the whole group"),
            Map.entry("watch_options", "chokidar options have no equivalent: the watcher uses inotify, with "
                    + "watch_delay and ignore_watch"),
            Map.entry("install_url", "modules are not installed by the orchestrator"),
            Map.entry("execute_command", "every app is exec'd as its own process"),
            Map.entry("write", "no equivalent"),
            Map.entry("treekill", "the whole process group is always stopped"));

    private Pm2Keys() {
    }

    /** Why a PM2 option (canonical name) has no equivalent here; empty for keys PM2 does not know either. */
    public static Optional<String> unsupported(String key) {
        return Optional.ofNullable(UNSUPPORTED.get(key));
    }

    /** What to write instead of {@code key} in a descriptor, when it is PM2's. */
    static Optional<String> hint(String key) {
        if (key.startsWith("env_") && !key.equals("env_file")) {
            return Optional.of("PM2 profiles (" + key + ") are not read; put the values in env:, or in an env_file "
                    + "per environment");
        }
        String canonical = ALIASES.getOrDefault(key, key);
        if (!canonical.equals(key) && AppKey.byKey(canonical).isPresent()) {
            return Optional.of("PM2's " + key + " is " + canonical + " here");
        }
        return unsupported(canonical);
    }
}
