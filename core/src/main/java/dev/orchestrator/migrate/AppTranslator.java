package dev.orchestrator.migrate;

import dev.orchestrator.descriptor.Pm2Keys;
import dev.orchestrator.descriptor.AppKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Translates one PM2 app into our keys, for a descriptor written beside the config that defines it. Each PM2 key is
 * consumed once: mapped, dropped with a reason, or reported unsupported; whatever is left at the end was not a PM2
 * option at all and is reported too.
 */
final class AppTranslator {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    /** Options taken one to one: same name, same meaning, same values. */
    private static final List<AppKey> ONE_TO_ONE = List.of(AppKey.AUTORESTART, AppKey.RESTART_DELAY,
            AppKey.EXP_BACKOFF_RESTART_DELAY, AppKey.MAX_RESTARTS, AppKey.MIN_UPTIME, AppKey.KILL_TIMEOUT,
            AppKey.MERGE_LOGS, AppKey.MAX_MEMORY_RESTART, AppKey.WATCH_DELAY, AppKey.NAMESPACE);

    private final ImportContext ctx;

    AppTranslator(ImportContext ctx) {
        this.ctx = ctx;
    }

    TranslatedApp translate(Pm2App app, Path configFile, List<Finding> findings) {
        Map<String, Object> raw = new LinkedHashMap<>(app.config());
        raw.values().removeIf(java.util.Objects::isNull);
        AppNotes notes = new AppNotes(configFile, app.name(), findings);
        applyAliases(raw, notes);
        String name = name(app.name(), notes);
        notes = notes.named(name);
        raw.remove("name");
        TranslatedApp out = TranslatedApp.named(name);
        Path folder = configFile.getParent();
        Path cwd = placeCwd(raw.remove("cwd"), folder, out, notes);
        ScriptMapping.apply(raw, cwd, out, notes, ctx);
        EnvMapping.apply(app, raw, out, notes, ctx);
        instances(raw, out, notes);
        for (AppKey key : ONE_TO_ONE) {
            Object value = raw.remove(key.key());
            if (value != null) {
                out.keys().put(key, value instanceof Number ? TextValues.number(value) : value);
            }
        }
        new LogMapping(ctx, name, cwd, folder).apply(raw, out, notes);
        WatchMapping.apply(raw, cwd, folder, out, notes, ctx);
        otherKeys(raw, out, notes);
        return out;
    }

    private static void applyAliases(Map<String, Object> raw, AppNotes notes) {
        for (String alias : Pm2Keys.ALIAS_ORDER) {
            Object value = raw.remove(alias);
            String canonical = Pm2Keys.ALIASES.get(alias);
            if (value == null || raw.containsKey(canonical)) {
                continue;
            }
            raw.put(canonical, value);
            notes.mapped("PM2's " + alias + " is " + canonical + " here");
        }
    }

    private String name(String pm2Name, AppNotes notes) {
        if (NAME.matcher(pm2Name).matches() && !pm2Name.equals("all")) {
            return pm2Name;
        }
        String fixed = pm2Name.replaceAll("[^A-Za-z0-9_.-]", "-");
        fixed = fixed.isEmpty() || !Character.isLetterOrDigit(fixed.charAt(0)) ? "app" + fixed : fixed;
        fixed = fixed.equals("all") ? "all-app" : fixed;
        notes.mapped("name '" + pm2Name + "' renamed '" + fixed + "': names are [A-Za-z0-9][A-Za-z0-9_.-]* and "
                + "not 'all'");
        return fixed;
    }

    /** PM2 resolves a relative cwd against wherever pm2 runs; we take the config's folder, where users ran it. */
    private Path placeCwd(Object raw, Path folder, TranslatedApp out, AppNotes notes) {
        if (raw == null) {
            return folder;
        }
        String text = TextValues.string(raw);
        Path cwd = folder.resolve(text.startsWith("~/") ? System.getProperty("user.home") + text.substring(1) : text)
                .normalize();
        if (!Path.of(text).isAbsolute()) {
            notes.mapped("relative cwd '" + text + "' resolved against the config's folder (PM2 resolves it "
                    + "against wherever pm2 was started)");
        }
        if (!Files.isDirectory(cwd)) {
            notes.warning("cwd " + cwd + " does not exist; the app will fail until it does");
        }
        if (cwd.equals(folder)) {
            return cwd;
        }
        if (ctx.serviceFolder().test(cwd)) {
            out.keys().put(AppKey.SERVICE, ctx.relative(folder, cwd));
        } else {
            out.keys().put(AppKey.CWD, TextValues.literal(ctx.relative(folder, cwd)));
        }
        return cwd;
    }

    private static void instances(Map<String, Object> raw, TranslatedApp out, AppNotes notes) {
        Object instances = raw.remove("instances");
        Object mode = raw.remove("exec_mode");
        boolean cluster = mode != null && TextValues.string(mode).startsWith("cluster");
        if (cluster) {
            notes.unsupported("exec_mode: cluster not imported: Node's cluster mode (N workers sharing one port) "
                    + "does not exist here; each instance is its own process, so give each its own port "
                    + "(NODE_APP_INSTANCE) or put a proxy in front");
        } else if (mode != null) {
            notes.dropped("exec_mode: " + TextValues.string(mode) + " not written: every app runs as its own "
                    + "process (PM2's fork mode)");
        }
        if (instances == null) {
            return;
        }
        String text = TextValues.string(instances);
        int n = text.equals("max") ? 0 : parseInt(text);
        if (n >= 1) {
            out.keys().put(AppKey.INSTANCES, n);
        } else if (n == 0) {
            out.keys().put(AppKey.INSTANCES, "max");
            if (!cluster && !raw.containsKey("merge_logs")) {
                out.keys().put(AppKey.MERGE_LOGS, true);
                notes.mapped("instances: " + text + " is max (one per CPU); merge_logs: true written, PM2's default "
                        + "for such apps outside cluster mode");
            }
        } else {
            notes.unsupported("instances: " + text + " (CPUs minus " + (-n) + ") not imported: write a number, "
                    + "or max for one per CPU; one instance runs until then");
        }
    }

    private static int parseInt(String text) {
        try {
            return (int) Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return 0; // PM2: parseInt(x) || 0, i.e. max
        }
    }

    private static void otherKeys(Map<String, Object> raw, TranslatedApp out, AppNotes notes) {
        Object autostart = raw.remove("autostart");
        if (Boolean.FALSE.equals(autostart)) {
            out.keys().put(AppKey.DISABLED, true);
            notes.mapped("autostart: false became disabled: true (listed and validated, not started by up)");
        }
        Object codes = raw.remove("stop_exit_codes");
        if (codes != null) {
            out.keys().put(AppKey.STOP_EXIT_CODES, codes instanceof List<?> l ? l.stream().map(TextValues::number)
                    .toList() : TextValues.number(codes));
        }
        Cron.apply(raw.remove("cron_restart"), out, notes);
        Object envFile = raw.remove("env_file");
        if (envFile != null) {
            out.keys().put(AppKey.ENV_FILE, TextValues.stringList(envFile));
            notes.warning("env_file is not a PM2 option (PM2 ignored it); kept, so the orchestrator now loads it");
        }
        Object signal = raw.remove("kill_signal");
        out.keys().put(AppKey.KILL_SIGNAL, signal == null ? "SIGINT" : TextValues.string(signal));
        raw.forEach((key, value) -> notes.unsupported(Pm2Keys.unsupported(key)
                .map(reason -> key + " not imported: " + reason)
                .orElse("'" + key + "' is not a PM2 option (PM2 ignored it): not imported")));
    }
}
