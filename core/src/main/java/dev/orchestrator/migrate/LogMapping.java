package dev.orchestrator.migrate;

import dev.orchestrator.descriptor.AppKey;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code out_file}, {@code error_file}, {@code disable_logs}, {@code log_date_format} and {@code time}. PM2 resolves
 * log paths against the app's cwd; ours resolve against the descriptor's folder, so they are rewritten, and dropped
 * when they equal our defaults ({@code <logs>/<name>-out.log}, {@code <logs>/<name>-err.log}).
 */
final class LogMapping {

    private final ImportContext ctx;
    private final String name;
    private final Path cwd;
    private final Path folder;

    LogMapping(ImportContext ctx, String name, Path cwd, Path folder) {
        this.ctx = ctx;
        this.name = name;
        this.cwd = cwd;
        this.folder = folder;
    }

    void apply(Map<String, Object> raw, TranslatedApp out, AppNotes notes) {
        if (Boolean.TRUE.equals(raw.remove("disable_logs"))) {
            raw.put("out_file", "/dev/null");
            raw.put("error_file", "/dev/null");
            notes.mapped("disable_logs: true became out_file and error_file /dev/null");
        }
        file(raw.remove("out_file"), AppKey.OUT_FILE, "-out.log", out, notes);
        file(raw.remove("error_file"), AppKey.ERROR_FILE, "-err.log", out, notes);
        dateFormat(raw, out, notes);
    }

    private void file(Object value, AppKey key, String suffix, TranslatedApp out, AppNotes notes) {
        if (value == null) {
            return;
        }
        String text = TextValues.string(value);
        if (text.equals("/dev/null") || text.equals("NULL")) {
            out.keys().put(key, "/dev/null");
            return;
        }
        String expanded = text.startsWith("~/") ? System.getProperty("user.home") + text.substring(1) : text;
        Path file = cwd.resolve(expanded).normalize();
        if (file.equals(ctx.logsDir().resolve(name + suffix))) {
            notes.dropped(key.key() + " '" + text + "' not written: it is the default, "
                    + ctx.relative(ctx.root(), file));
            return;
        }
        out.keys().put(key, ctx.relative(folder, file));
    }

    private static void dateFormat(Map<String, Object> raw, TranslatedApp out, AppNotes notes) {
        Object time = raw.remove("time");
        Object format = raw.remove("log_date_format");
        if (Boolean.TRUE.equals(time)) {
            format = "YYYY-MM-DDTHH:mm:ss"; // PM2 sets exactly this for time: true, over any log_date_format
            notes.mapped("time: true became log_date_format (PM2's timestamp prefix)");
        }
        if (format == null) {
            return;
        }
        String dayjs = TextValues.string(format);
        Optional<String> pattern = DayJsFormat.toJavaTime(dayjs);
        if (pattern.isPresent()) {
            out.keys().put(AppKey.LOG_DATE_FORMAT, pattern.get());
            if (!pattern.get().equals(dayjs)) {
                notes.mapped("log_date_format '" + dayjs + "' (day.js) written as '" + pattern.get()
                        + "' (java.time)");
            }
        } else {
            notes.unsupported("log_date_format '" + dayjs + "' not imported: it uses a day.js token with no "
                    + "java.time equivalent here; write a java.time pattern such as yyyy-MM-dd HH:mm:ss");
        }
    }
}
