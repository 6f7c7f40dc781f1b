package dev.orchestrator.boot;

import dev.orchestrator.plan.ProjectPlan;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds, installs and removes a project's unit; {@code startup} and {@code unstartup} are thin over this. */
public final class Startup {

    private Startup() {
    }

    /**
     * @param launcher the {@code orchestrator} launcher script, absolute
     * @param env      the environment of the shell that ran startup: PATH, HOME, and SUDO_USER under sudo
     */
    public static SystemdUnit unit(UnitScope scope, Path launcher, ProjectPlan plan, Map<String, String> env) {
        Optional<String> user = scope == UnitScope.SYSTEM ? Optional.of(user(env)) : Optional.empty();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        String home = user.filter(u -> env.containsKey("SUDO_USER")).flatMap(Startup::homeOf)
                .orElse(env.getOrDefault("HOME", System.getProperty("user.home")));
        environment.put("HOME", home);
        return new SystemdUnit(scope, launcher, plan.root(), StopBudget.needed(plan), environment, user);
    }

    /** The user the system unit runs as: whoever ran sudo, else the current user. */
    static String user(Map<String, String> env) {
        String sudoUser = env.get("SUDO_USER");
        return sudoUser != null && !sudoUser.isBlank() && !sudoUser.equals("root") ? sudoUser
                : System.getProperty("user.name");
    }

    private static Optional<String> homeOf(String user) {
        try {
            return Files.readAllLines(Path.of("/etc/passwd")).stream().map(l -> l.split(":"))
                    .filter(f -> f.length >= 6 && f[0].equals(user)).map(f -> f[5]).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Where the project's unit of this scope lives. */
    public static Path path(UnitScope scope, Path root, Map<String, String> env) {
        return scope.directory(env).resolve(UnitName.of(root));
    }

    /** The project's installed unit, user scope first; what {@code up} hands to {@link StaleUnitCheck}. */
    public static Optional<Path> installed(Path root, Map<String, String> env) {
        return java.util.Arrays.stream(UnitScope.values()).map(s -> path(s, root, env)).filter(Files::isRegularFile)
                .findFirst();
    }

    /** Writes the unit; returns true when it replaced an existing one. */
    public static boolean install(SystemdUnit unit, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        boolean existed = Files.exists(file);
        Files.writeString(file, unit.render());
        return existed;
    }

    /**
     * Removes the unit and the links {@code systemctl enable} made for it ({@code *.wants/<unit>} beside it), so
     * nothing starts it at the next boot; returns what was removed.
     */
    public static List<Path> uninstall(Path file) throws IOException {
        List<Path> removed = new ArrayList<>();
        Path dir = file.getParent();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> wants = Files.newDirectoryStream(dir, "*.wants")) {
                for (Path wantsDir : wants) {
                    Path link = wantsDir.resolve(file.getFileName());
                    if (Files.deleteIfExists(link)) {
                        removed.add(link);
                    }
                }
            }
        }
        if (Files.deleteIfExists(file)) {
            removed.add(file);
        }
        return removed;
    }

    /** What to run to enable and start the unit. */
    public static List<String> enableHints(SystemdUnit unit) {
        String ctl = "systemctl " + (unit.scope() == UnitScope.USER ? "--user " : "");
        List<String> hints = new ArrayList<>();
        hints.add(ctl + "daemon-reload && " + ctl + "enable --now " + unit.fileName());
        if (unit.scope() == UnitScope.USER) {
            hints.add("loginctl enable-linger $USER   # start it at boot, not at your first login, and keep it "
                    + "running after you log out");
        }
        hints.add("journalctl " + (unit.scope() == UnitScope.USER ? "--user " : "") + "-u " + unit.fileName()
                + "   # the orchestrator's own output; 'orchestrator logs' for the apps'");
        return hints;
    }
}
