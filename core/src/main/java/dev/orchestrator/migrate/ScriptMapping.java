package dev.orchestrator.migrate;

import dev.orchestrator.descriptor.AppKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code script}, {@code args}, {@code interpreter} and {@code interpreter_args}: one to one, except PM2's traps, which
 * become what was meant: a script with spaces (PM2 runs {@code bash -c}), {@code script: "."} (a folder: we name its
 * entry file), and {@code pipenv}/{@code uv}/{@code poetry run python ...} wrappers ({@code runtime: python}).
 */
final class ScriptMapping {

    private ScriptMapping() {
    }

    static void apply(Map<String, Object> raw, Path cwd, TranslatedApp out, AppNotes notes, ImportContext ctx) {
        Object script = raw.remove("script");
        Object args = raw.remove("args");
        Object interpreter = raw.remove("interpreter");
        Object interpreterArgs = raw.remove("interpreter_args");
        if (interpreter != null) {
            out.keys().put(AppKey.INTERPRETER, TextValues.string(interpreter));
        }
        if (interpreterArgs != null) {
            out.keys().put(AppKey.INTERPRETER_ARGS, args(interpreterArgs));
        }
        if (script == null) {
            notes.warning("no script: PM2 refuses such an app ('No script path'); left to runtime detection in "
                    + "its folder");
            putArgs(out, args);
            return;
        }
        String text = TextValues.string(script);
        if (text.contains(" ")) {
            out.keys().put(AppKey.SCRIPT, "bash");
            out.keys().put(AppKey.ARGS, List.of("-c", TextValues.literal(text)));
            out.keys().put(AppKey.INTERPRETER, "none");
            notes.mapped("script '" + text + "' has spaces: PM2 runs it with bash -c, and so does this "
                    + "(script: bash, args: [-c, ...], interpreter: none)"
                    + (args == null ? "" : "; its args were ignored by PM2 and are not written"));
            return;
        }
        if (interpreter == null && PythonWrapper.map(text, args, cwd, out, notes, ctx)) {
            return;
        }
        Path target = cwd.resolve(text).normalize();
        if (Files.isDirectory(target)) {
            entryOfFolder(text, target, cwd, out, notes);
        } else {
            out.keys().put(AppKey.SCRIPT, TextValues.literal(scriptText(text, target, cwd, ctx)));
        }
        putArgs(out, args);
    }

    private static void putArgs(TranslatedApp out, Object args) {
        if (args != null && !(args instanceof List<?> list && list.isEmpty())) {
            out.keys().put(AppKey.ARGS, args(args));
        }
    }

    /** A list stays a list; a string stays a string (split like a shell would, as PM2 does). */
    static Object args(Object value) {
        return value instanceof List<?> list ? TextValues.literalList(list) : TextValues.literal(TextValues.string(value));
    }

    /** An absolute script inside the project is written relative to the cwd; a relative one as written. */
    private static String scriptText(String text, Path target, Path cwd, ImportContext ctx) {
        if (!Path.of(text).isAbsolute() || !target.startsWith(ctx.root())) {
            return text;
        }
        String rel = cwd.relativize(target).toString();
        return rel.contains("/") ? rel : "./" + rel; // a '/' keeps it a file even before the file exists
    }

    /** {@code script: "."}: node runs the folder's package.json main, else its index.js; we name that file. */
    private static void entryOfFolder(String text, Path folder, Path cwd, TranslatedApp out, AppNotes notes) {
        Optional<Path> entry = EntryFile.of(folder);
        if (entry.isEmpty()) {
            notes.mapped("script '" + text + "' is a folder without package.json main or index.js: no script "
                    + "written, the runtime plugin finds the entry point in the app's folder");
            return;
        }
        String rel = cwd.relativize(entry.get()).toString();
        out.keys().put(AppKey.SCRIPT, TextValues.literal(rel));
        notes.mapped("script '" + text + "' is a folder: wrote its entry file '" + rel + "' (node given a folder "
                + "fails for ESM packages with ERR_UNSUPPORTED_DIR_IMPORT)");
    }
}
