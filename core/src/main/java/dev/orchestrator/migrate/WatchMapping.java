package dev.orchestrator.migrate;

import dev.orchestrator.descriptor.AppKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code watch} and {@code ignore_watch}: PM2's watch paths are relative to the app's cwd, ours to the descriptor. */
final class WatchMapping {

    private WatchMapping() {
    }

    static void apply(Map<String, Object> raw, Path cwd, Path folder, TranslatedApp out, AppNotes notes,
                      ImportContext ctx) {
        Object watch = raw.remove("watch");
        if (watch instanceof Boolean enabled) {
            out.keys().put(AppKey.WATCH, enabled);
        } else if (watch != null) {
            List<String> paths = new ArrayList<>();
            for (String path : TextValues.stringList(watch)) {
                Path resolved = cwd.resolve(path).normalize();
                if (!Files.exists(resolved)) {
                    notes.warning("watch path '" + path + "' does not exist (PM2 resolves it against the app's cwd: "
                            + resolved + "); written anyway");
                }
                paths.add(ctx.relative(folder, resolved));
            }
            out.keys().put(AppKey.WATCH, paths);
        }
        Object ignore = raw.remove("ignore_watch");
        if (ignore != null) {
            out.keys().put(AppKey.IGNORE_WATCH, TextValues.stringList(ignore));
        }
    }
}
