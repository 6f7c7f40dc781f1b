package dev.orchestrator.watch;

import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.HealthSpec;
import dev.orchestrator.plan.LogSpec;
import dev.orchestrator.plan.RestartSpec;
import dev.orchestrator.plan.StopSpec;
import dev.orchestrator.plan.WatchSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Why two specs of one app differ, field by field, in the descriptor's words: {@code env.PORT changed},
 * {@code args changed}, {@code kill_timeout changed}. An edited {@code env_file} shows as the env keys it changed.
 * Env values are never shown (they may be secrets); only key names are.
 */
final class SpecComparison {

    /** More changed env keys than this are summarised as "and N more env keys". */
    static final int MAX_ENV_KEYS = 5;

    private final AppSpec before;
    private final AppSpec after;
    private final List<String> reasons = new ArrayList<>();

    private SpecComparison(AppSpec before, AppSpec after) {
        this.before = before;
        this.after = after;
    }

    /** Every difference; empty when the specs are equal. */
    static List<String> reasons(AppSpec before, AppSpec after) {
        SpecComparison c = new SpecComparison(before, after);
        c.compare();
        if (c.reasons.isEmpty() && !before.equals(after)) {
            c.reasons.add("spec changed"); // a field this class does not know yet: still a change
        }
        return List.copyOf(c.reasons);
    }

    /** True when {@code instances} is the only difference: the app scales without restarting the instances that stay. */
    static boolean onlyInstancesDiffer(AppSpec before, AppSpec after) {
        return before.instances() != after.instances() && withInstances(before, after.instances()).equals(after);
    }

    private void compare() {
        field("namespace", AppSpec::namespace);
        field("runtime", AppSpec::runtime);
        command();
        field("cwd", AppSpec::cwd);
        env();
        field("source", AppSpec::source);
        if (before.instances() != after.instances()) {
            reasons.add("instances " + before.instances() + " -> " + after.instances());
        }
        logs(before.logs(), after.logs());
        restart(before.restart(), after.restart());
        stop(before.stop(), after.stop());
        watch(before.watch(), after.watch());
        health(before.health(), after.health());
        if (reasons.isEmpty()) {
            field("secret keys", AppSpec::secretKeys);
        }
    }

    private void command() {
        List<String> a = before.argv();
        List<String> b = after.argv();
        if (a.equals(b)) {
            return;
        }
        boolean sameProgram = !a.isEmpty() && !b.isEmpty() && a.getFirst().equals(b.getFirst());
        reasons.add(sameProgram ? "args changed" : "command changed");
    }

    private void env() {
        Map<String, String> a = before.env();
        Map<String, String> b = after.env();
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<String> changed = new ArrayList<>();
        for (String key : keys) {
            if (!a.containsKey(key)) {
                changed.add("env." + key + " added");
            } else if (!b.containsKey(key)) {
                changed.add("env." + key + " removed");
            } else if (!a.get(key).equals(b.get(key))) {
                changed.add("env." + key + " changed");
            }
        }
        if (changed.size() > MAX_ENV_KEYS) {
            int more = changed.size() - MAX_ENV_KEYS;
            changed = new ArrayList<>(changed.subList(0, MAX_ENV_KEYS));
            changed.add("and " + more + " more env keys");
        }
        reasons.addAll(changed);
    }

    private void logs(LogSpec a, LogSpec b) {
        same("out_file", a.outFile(), b.outFile());
        same("error_file", a.errFile(), b.errFile());
        same("merge_logs", a.merge(), b.merge());
        same("log_date_format", a.dateFormat(), b.dateFormat());
        same("log_rotate", a.rotate(), b.rotate());
    }

    private void restart(RestartSpec a, RestartSpec b) {
        same("autorestart", a.autorestart(), b.autorestart());
        same("restart_delay", a.restartDelay(), b.restartDelay());
        same("exp_backoff_restart_delay", a.expBackoffInitial(), b.expBackoffInitial());
        same("max_restarts", a.maxRestarts(), b.maxRestarts());
        same("min_uptime", a.minUptime(), b.minUptime());
        same("stop_exit_codes", a.stopExitCodes(), b.stopExitCodes());
    }

    private void stop(StopSpec a, StopSpec b) {
        same("kill_signal", a.killSignal(), b.killSignal());
        same("kill_timeout", a.killTimeout(), b.killTimeout());
    }

    private void watch(WatchSpec a, WatchSpec b) {
        same("watch", a.paths(), b.paths());
        same("ignore_watch", a.ignore(), b.ignore());
        same("watch_delay", a.delay(), b.delay());
    }

    private void health(HealthSpec a, HealthSpec b) {
        same("ready", a.ready(), b.ready());
        same("live", a.live(), b.live());
        same("depends_on", a.dependsOn(), b.dependsOn());
        same("heartbeat", a.heartbeat(), b.heartbeat());
        same("max_memory_restart", a.maxMemoryBytes(), b.maxMemoryBytes());
        same("cron_restart", a.cron(), b.cron());
    }

    private void field(String label, Function<AppSpec, Object> getter) {
        same(label, getter.apply(before), getter.apply(after));
    }

    private void same(String label, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            reasons.add(label + " changed");
        }
    }

    private static AppSpec withInstances(AppSpec s, int instances) {
        return new AppSpec(s.name(), s.namespace(), s.runtime(), instances, s.argv(), s.cwd(), s.env(), s.source(),
                s.logs(), s.restart(), s.stop(), s.watch(), s.secretKeys(), s.health());
    }
}
