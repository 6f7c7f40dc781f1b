package dev.orchestrator.migrate;

import dev.orchestrator.plan.EnvLayers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An app's {@code env}, its {@code env_<profile>} blocks and {@code port}: values the orchestrator sets anyway are
 * dropped, values that look secret (from the environment, loaded by dotenv while the config ran, or with a name such
 * as TOKEN or PASSWORD) go to the secrets, the rest to the YAML.
 */
final class EnvMapping {

    private EnvMapping() {
    }

    static void apply(Pm2App app, Map<String, Object> raw, TranslatedApp out, AppNotes notes, ImportContext ctx) {
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        List<String> unset = new ArrayList<>(app.unset().getOrDefault("env", List.of()));
        merge(app, "env", raw.remove("env"), env, origins, notes);
        boolean profileFound = false;
        for (String key : List.copyOf(raw.keySet())) {
            if (!key.startsWith("env_") || key.equals("env_file")) {
                continue;
            }
            Object block = raw.remove(key);
            String profile = key.substring("env_".length());
            if (ctx.profile().filter(profile::equals).isPresent()) {
                merge(app, key, block, env, origins, notes);
                unset.addAll(app.unset().getOrDefault(key, List.of()));
                profileFound = true;
                notes.mapped(key + " merged over env (--env " + profile + ")");
            } else {
                notes.warning(key + " not imported: pass --env " + profile + " to merge it into env (PM2's "
                        + "'--env " + profile + "'); profiles are not read at run time");
            }
        }
        ctx.profile().filter(p -> !p.isEmpty()).ifPresent(p -> {
            if (!app.config().containsKey("env_" + p)) {
                notes.warning("no env_" + p + " block for --env " + p + ": PM2 warns the same and uses env alone");
            }
        });
        Object port = raw.remove("port");
        if (port != null) {
            env.put("PORT", TextValues.string(port));
            notes.mapped("port: " + TextValues.string(port) + " became env PORT, as PM2 does");
        }
        unset.stream().filter(k -> !env.containsKey(k)).distinct().forEach(k -> notes.warning("env " + k
                + " was undefined when the config ran (process.env." + k + " not set?): PM2 drops it, and so does "
                + "this import; if the app needs it, add it to the env file"));
        List<String> secretNotes = new ArrayList<>();
        List<String> computedNotes = new ArrayList<>();
        env.forEach((key, value) -> place(key, value, origins.get(key), out, notes, ctx, secretNotes, computedNotes));
        if (!computedNotes.isEmpty()) {
            notes.dropped("env not written, the orchestrator sets it itself: " + String.join(", ", computedNotes));
        }
        if (!secretNotes.isEmpty() && !profileFound) {
            notes.add(Finding.Kind.SECRET, String.join(", ", secretNotes) + ": written to the env file, not the YAML");
        } else if (!secretNotes.isEmpty()) {
            notes.add(Finding.Kind.SECRET, String.join(", ", secretNotes) + ": written to the env file, not the YAML "
                    + "(with the --env profile merged)");
        }
    }

    private static void merge(Pm2App app, String block, Object value, Map<String, String> env,
                              Map<String, String> origins, AppNotes notes) {
        if (value == null) {
            return;
        }
        if (!(value instanceof Map<?, ?> map)) {
            notes.unsupported(block + " is not an object of variables (" + TextValues.string(value) + "): not "
                    + "imported");
            return;
        }
        map.forEach((k, v) -> {
            String key = String.valueOf(k);
            env.put(key, TextValues.string(v));
            String origin = app.origin(block, key);
            if (origin == null) {
                origins.remove(key);
            } else {
                origins.put(key, origin);
            }
        });
    }

    private static void place(String key, String value, String origin, TranslatedApp out, AppNotes notes,
                              ImportContext ctx, List<String> secretNotes, List<String> computedNotes) {
        Optional<String> computed = computed(key, value, out.name(), ctx);
        if (computed.isPresent()) {
            computedNotes.add(key + "=" + value + computed.get());
            return;
        }
        if (key.equals("PYTHONPATH") && value.startsWith(ctx.root() + ":")) {
            value = value.substring(ctx.root().toString().length() + 1);
            notes.dropped("env PYTHONPATH: the project root is always prepended; wrote the rest, '" + value + "'");
        }
        if (origin != null || EnvLayers.looksSecret(key)) {
            out.secrets().put(key, value);
            secretNotes.add(key + " (" + secretReason(origin) + ")");
        } else {
            out.env().put(key, TextValues.literal(value));
        }
    }

    private static String secretReason(String origin) {
        if (origin == null) {
            return "its name looks secret";
        }
        String name = origin.substring(origin.indexOf(':') + 1);
        return origin.startsWith("dotenv:") ? "loaded into process.env." + name + " while the config ran"
                : "taken from the environment, process.env." + name;
    }

    /** Why the orchestrator already sets this value ("" when the value says it all), or empty. */
    private static Optional<String> computed(String key, String value, String name, ImportContext ctx) {
        if (value.equals(ctx.computedEnv().get(key))) {
            return Optional.of("");
        }
        return switch (key) {
            case "PM2_PROCESS_NAME" -> Optional.of(value.equals(name) ? "" : " (always the app's name, " + name + ")");
            case "NODE_APP_INSTANCE" -> Optional.of(" (always the instance number)");
            case "PYTHONUNBUFFERED" -> value.equals("1") ? Optional.of(" (by the python runtime)") : Optional.empty();
            case "PYTHONPATH" -> value.equals(ctx.root().toString())
                    ? Optional.of(" (the project root, always prepended)") : Optional.empty();
            default -> Optional.empty();
        };
    }
}
