package dev.orchestrator.descriptor;

import java.util.Map;
import java.util.Optional;

/** PM2 options we deliberately do not take, each with what to write instead, so no option is silently dropped. */
final class Pm2Keys {

    private static final Map<String, String> HINTS = Map.ofEntries(
            Map.entry("node_args", "PM2's node_args is interpreter_args here"),
            Map.entry("exec_mode", "every app runs as its own process (PM2's fork mode); remove it, and use "
                    + "instances: for several processes"),
            Map.entry("exec_interpreter", "PM2's exec_interpreter is interpreter here"),
            Map.entry("log_file", "there is no combined log; output goes to out_file and error_file"),
            Map.entry("log", "there is no combined log; output goes to out_file and error_file"),
            Map.entry("time", "use log_date_format: to prefix lines with a timestamp"),
            Map.entry("wait_ready", "use a ready: probe (e.g. ready: {log: 'listening'})"),
            Map.entry("listen_timeout", "use ready: with timeout and initial_delay"),
            Map.entry("pid_file", "pids are kept in .orchestrator/state.json and shown by orchestrator ls"),
            Map.entry("vizion", "version metadata is not collected; remove it"),
            Map.entry("force", "names are unique, so an app cannot run twice; remove it"),
            Map.entry("instance_var", "the instance number is always NODE_APP_INSTANCE"),
            Map.entry("combine_logs", "PM2's combine_logs is merge_logs here"),
            Map.entry("shutdown_with_message", "stop signals only; use kill_signal"));

    private Pm2Keys() {
    }

    static Optional<String> hint(String key) {
        if (key.startsWith("env_") && !key.equals("env_file")) {
            return Optional.of("PM2 profiles (" + key + ") are not read; put the values in env:, or in an env_file "
                    + "per environment");
        }
        return Optional.ofNullable(HINTS.get(key));
    }
}
