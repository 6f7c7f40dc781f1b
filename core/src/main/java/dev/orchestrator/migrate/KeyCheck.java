package dev.orchestrator.migrate;

import dev.orchestrator.descriptor.AppKey;
import dev.orchestrator.descriptor.DescriptorReader;
import dev.orchestrator.descriptor.ParsedDescriptor;
import dev.orchestrator.descriptor.Problem;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates each imported key on its own with {@link DescriptorReader}, so a PM2 value we cannot take (a memory size
 * of {@code 1.5G}, a malformed duration) drops that key with the reader's own message instead of failing the file.
 */
final class KeyCheck {

    private KeyCheck() {
    }

    static void check(TranslatedApp app, Path descriptor, AppNotes notes) {
        DescriptorReader reader = new DescriptorReader();
        for (AppKey key : List.copyOf(app.keys().keySet())) {
            if (key == AppKey.NAME) {
                continue;
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", app.name());
            one.put(key.key(), app.keys().get(key));
            ParsedDescriptor parsed = reader.parse(descriptor, YamlEmitter.write(one));
            List<Problem> errors = parsed.problems().stream().filter(Problem::isError).toList();
            if (!errors.isEmpty()) {
                app.keys().remove(key);
                notes.unsupported(key.key() + ": " + TextValues.shown(one.get(key.key()))
                        + " not imported: " + errors.getFirst().message());
            } else {
                parsed.problems().forEach(p -> notes.warning(p.message()));
            }
        }
    }
}
