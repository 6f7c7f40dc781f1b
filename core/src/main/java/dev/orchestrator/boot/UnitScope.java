package dev.orchestrator.boot;

import java.nio.file.Path;
import java.util.Map;

/** A user unit (the default: runs as you, under your systemd user manager) or a system unit ({@code User=} set). */
public enum UnitScope {
    USER,
    SYSTEM;

    /** {@code --user} or {@code --system}, as systemctl takes it. */
    public String flag() {
        return this == USER ? "--user" : "--system";
    }

    /** Where units of this scope live: {@code $XDG_CONFIG_HOME/systemd/user} (else ~/.config/...), /etc/systemd/system. */
    public Path directory(Map<String, String> env) {
        if (this == SYSTEM) {
            return Path.of("/etc/systemd/system");
        }
        String config = env.get("XDG_CONFIG_HOME");
        Path base = config != null && config.startsWith("/") ? Path.of(config)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
        return base.resolve("systemd").resolve("user");
    }

    /** The target that starts it at boot (system) or when the user manager starts (user; with lingering: at boot). */
    String wantedBy() {
        return this == USER ? "default.target" : "multi-user.target";
    }
}
