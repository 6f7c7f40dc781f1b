package dev.orchestrator.migrate;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PM2's option names: its aliases (from PM2's schema and {@code verifyConfs}), and the options with no equivalent here,
 * each with the reason given to the user, so no option disappears without a word.
 */
final class Pm2Options {

    /** Alias -> PM2's canonical name, which is also ours where we have the option. */
    static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("cmd", "script"), Map.entry("command", "script"), Map.entry("exec", "script"),
            Map.entry("exec_interpreter", "interpreter"),
            Map.entry("node_args", "interpreter_args"), Map.entry("interpreterArgs", "interpreter_args"),
            Map.entry("out", "out_file"), Map.entry("output", "out_file"), Map.entry("out_log", "out_file"),
            Map.entry("error", "error_file"), Map.entry("err", "error_file"), Map.entry("err_file", "error_file"),
            Map.entry("err_log", "error_file"),
            Map.entry("combine_logs", "merge_logs"), Map.entry("cron", "cron_restart"),
            Map.entry("log", "log_file"), Map.entry("pid", "pid_file"), Map.entry("user", "uid"));

    /** The order aliases are applied in, so the result does not depend on map iteration order. */
    static final List<String> ALIAS_ORDER = ALIASES.keySet().stream().sorted().toList();

    private static final String MONITORING = "a PM2 / PM2.io (Keymetrics) monitoring feature with no equivalent here";

    private static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            Map.entry("log_file", "there is no combined log: output goes to out_file and error_file"),
            Map.entry("log_type", "log lines are stored as the app prints them (no JSON wrapping); log_date_format "
                    + "adds a timestamp"),
            Map.entry("pid_file", "pids are kept in .orchestrator/state.json and shown by orchestrator ls"),
            Map.entry("wait_ready", "readiness will be a ready: probe (e.g. ready: {log: 'listening'}), not "
                    + "supported yet"),
            Map.entry("listen_timeout", "readiness will be a ready: probe with a timeout, not supported yet"),
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

    private Pm2Options() {
    }

    /** Why a PM2 option is not imported; empty for keys PM2 does not know either. */
    static Optional<String> unsupported(String key) {
        return Optional.ofNullable(UNSUPPORTED.get(key));
    }
}
