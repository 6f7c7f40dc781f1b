package dev.orchestrator.boot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A unit that runs {@code <launcher> up -C <root>} in the foreground. {@code KillMode=mixed}: systemd sends SIGTERM to
 * the orchestrator alone, which stops every app group itself (kill_signal, then SIGKILL after kill_timeout); only
 * when {@code TimeoutStopSec} runs out does systemd SIGKILL everything left in the cgroup.
 *
 * @param launcher    the absolute path of the {@code orchestrator} launcher script
 * @param root        the project root, absolute
 * @param timeoutStop how long stopping may take: the slowest app stop plus a margin
 * @param environment {@code PATH} and {@code HOME} from the shell that ran startup (systemd's own PATH lacks
 *                    ~/.local/bin, nvm and pyenv)
 * @param user        {@code User=} for a system unit
 */
public record SystemdUnit(UnitScope scope, Path launcher, Path root, Duration timeoutStop,
                          Map<String, String> environment, Optional<String> user) {

    public SystemdUnit {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(launcher, "launcher");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(timeoutStop, "timeoutStop");
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
        Objects.requireNonNull(user, "user");
    }

    public String fileName() {
        return UnitName.of(root);
    }

    /** The unit file's text. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("# Written by 'orchestrator startup'; remove with 'orchestrator unstartup'.\n");
        out.append("[Unit]\n");
        out.append("Description=orchestrator: the services and agents of ").append(escape(root.toString()))
                .append('\n');
        if (scope == UnitScope.SYSTEM) {
            out.append("Wants=network-online.target\nAfter=network-online.target\n");
        }
        out.append("\n[Service]\n");
        out.append("Type=simple\n");
        out.append("ExecStart=").append(String.join(" ", List.of(quote(launcher.toString(), true), "up", "-C",
                quote(root.toString(), true)))).append('\n');
        out.append("WorkingDirectory=").append(escape(root.toString())).append('\n');
        environment.forEach((k, v) -> out.append("Environment=").append(quote(k + "=" + v, false)).append('\n'));
        user.ifPresent(u -> out.append("User=").append(u).append('\n'));
        out.append("Restart=on-failure\n");
        out.append("KillMode=mixed\n");
        out.append("TimeoutStopSec=").append(seconds(timeoutStop)).append("s\n");
        out.append("\n[Install]\n");
        out.append("WantedBy=").append(scope.wantedBy()).append('\n');
        return out.toString();
    }

    /** Whole seconds, rounded up: a stop budget must never shrink. */
    static long seconds(Duration d) {
        return (d.toMillis() + 999) / 1000;
    }

    /** {@code %} starts a specifier in every unit setting. */
    private static String escape(String text) {
        return text.replace("%", "%%");
    }

    /**
     * One word of ExecStart= or Environment=: double-quoted when it holds anything but plain path characters, with
     * {@code \} and {@code "} escaped and {@code %} doubled; in ExecStart= (which expands {@code $VAR}) {@code $} is
     * doubled too. Environment= never expands {@code $}.
     */
    static String quote(String word, boolean exec) {
        String text = exec ? escape(word).replace("$", "$$") : escape(word);
        if (text.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return text;
        }
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
