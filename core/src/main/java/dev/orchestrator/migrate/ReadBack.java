package dev.orchestrator.migrate;

import dev.orchestrator.descriptor.AppEntry;
import dev.orchestrator.descriptor.AppKey;
import dev.orchestrator.descriptor.DescriptorReader;
import dev.orchestrator.descriptor.Located;
import dev.orchestrator.descriptor.ParsedDescriptor;
import dev.orchestrator.descriptor.Problem;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads generated YAML back with the descriptor reader: it must have no error, and every string must come back
 * exactly as meant (a quoting slip would turn {@code NO} into something else). A file that fails is not written.
 */
final class ReadBack {

    private static final List<AppKey> STRINGS = List.of(AppKey.NAME, AppKey.RUNTIME, AppKey.SCRIPT,
            AppKey.INTERPRETER, AppKey.CWD, AppKey.SERVICE, AppKey.OUT_FILE, AppKey.ERROR_FILE,
            AppKey.LOG_DATE_FORMAT, AppKey.KILL_SIGNAL, AppKey.NAMESPACE);

    private ReadBack() {
    }

    static boolean verify(Path descriptor, String yaml, List<TranslatedApp> apps, Map<String, String> common,
                          Path configFile, List<Finding> findings) {
        ParsedDescriptor parsed = new DescriptorReader().parse(descriptor, yaml);
        List<Problem> errors = parsed.problems().stream().filter(Problem::isError).toList();
        for (Problem error : errors) {
            findings.add(Finding.of(configFile, error.app().orElse(null), Finding.Kind.ERROR, "the generated "
                    + descriptor.getFileName() + " is invalid, so it is not written: line " + error.position().line()
                    + ": " + error.message()));
        }
        if (!errors.isEmpty()) {
            return false;
        }
        Map<String, String> fileEnv = values(parsed.fileLevel().env());
        for (int i = 0; i < apps.size(); i++) {
            TranslatedApp app = apps.get(i);
            AppEntry entry = parsed.apps().get(i);
            Map<String, String> env = new LinkedHashMap<>(fileEnv);
            env.putAll(values(entry.env()));
            if (!env.equals(withCommon(app, common))) {
                throw new IllegalStateException("YAML round trip changed the env of '" + app.name() + "': wrote "
                        + app.env() + ", read " + env + "\n" + yaml);
            }
            for (AppKey key : STRINGS) {
                if (app.keys().get(key) instanceof String s && !s.equals(entry.string(key).orElse(null))) {
                    throw new IllegalStateException("YAML round trip changed " + key.key() + " of '" + app.name()
                            + "': wrote '" + s + "', read " + entry.string(key) + "\n" + yaml);
                }
            }
            for (AppKey key : List.of(AppKey.ARGS, AppKey.INTERPRETER_ARGS)) {
                if (app.keys().get(key) instanceof List<?> list && !list.equals(entry.strings(key))) {
                    throw new IllegalStateException("YAML round trip changed " + key.key() + " of '" + app.name()
                            + "': wrote " + list + ", read " + entry.strings(key) + "\n" + yaml);
                }
            }
        }
        return true;
    }

    private static Map<String, String> withCommon(TranslatedApp app, Map<String, String> common) {
        Map<String, String> env = new LinkedHashMap<>(common);
        env.putAll(app.env());
        return env;
    }

    private static Map<String, String> values(Map<String, Located<String>> env) {
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((k, v) -> out.put(k, v.value()));
        return out;
    }
}
