package dev.orchestrator.plan;

import dev.orchestrator.descriptor.DotEnv;
import dev.orchestrator.descriptor.Located;
import dev.orchestrator.descriptor.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An app's env, lowest layer first (CONTRACTS, "Environment of an app"): the inherited environment; defaults (the
 * runtime plugin's, the orchestrator's, the agent's); orchestrator.yaml defaults; the descriptor file's; the app's; then
 * identity. Env files are read afresh at every computation, so an edited env_file takes effect at the next start.
 */
public final class EnvLayers {

    /** A set, not a regex: every key of every app is checked, and a pattern match per word showed up in profiles. */
    private static final Set<String> SECRET_WORDS = Set.of("TOKEN", "SECRET", "PASSWORD", "PASSWD", "KEY", "CREDENTIAL",
            "CREDENTIALS", "PRIVATE", "AUTH");

    private final Map<String, String> inherited;
    private final List<EnvSource> defaults;
    private final List<EnvSource> configured;
    private final Map<String, String> identity;
    private final Path projectRoot;

    /**
     * @param inherited  layer 1, already narrowed by {@code inherit_env}
     * @param defaults   layer 2 without the plugin's part (orchestrator and agent defaults)
     * @param configured layers 3 to 5 in order: env files and env mappings
     * @param identity   layer 6: PM2_PROCESS_NAME, ORCHESTRATOR_APP
     */
    public EnvLayers(Map<String, String> inherited, List<EnvSource> defaults, List<EnvSource> configured,
                     Map<String, String> identity, Path projectRoot) {
        this.inherited = inherited;
        this.defaults = List.copyOf(defaults);
        this.configured = List.copyOf(configured);
        this.identity = identity;
        this.projectRoot = projectRoot;
    }

    /** The env with the runtime plugin's defaults placed at layer 2. */
    public ResolvedEnv compute(Map<String, String> pluginDefaults) throws PlanFailure {
        Map<String, String> full = new LinkedHashMap<>(inherited);
        Map<String, String> own = new LinkedHashMap<>();
        Set<String> secrets = new LinkedHashSet<>();
        apply(new EnvSource.Fixed(pluginDefaults), full, own, secrets);
        for (EnvSource source : defaults) {
            apply(source, full, own, secrets);
        }
        for (EnvSource source : configured) {
            apply(source, full, own, secrets);
        }
        full.putAll(identity);
        own.putAll(identity);
        String pythonPath = full.get("PYTHONPATH");
        String root = projectRoot.toString();
        String prefixed = pythonPath == null || pythonPath.isEmpty() ? root : root + ":" + pythonPath;
        full.put("PYTHONPATH", prefixed);
        own.put("PYTHONPATH", prefixed);
        for (String key : own.keySet()) {
            if (looksSecret(key)) {
                secrets.add(key);
            }
        }
        return new ResolvedEnv(full, own, secrets);
    }

    /** {@code DISCORD_TOKEN}, {@code API_KEY}, {@code DB_PASSWORD}: a word of the name says secret. */
    public static boolean looksSecret(String key) {
        String upper = key.toUpperCase(Locale.ROOT);
        int start = 0;
        while (start <= upper.length()) {
            int end = upper.indexOf('_', start);
            end = end < 0 ? upper.length() : end;
            if (SECRET_WORDS.contains(upper.substring(start, end))) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private static void apply(EnvSource source, Map<String, String> full, Map<String, String> own, Set<String> secrets)
            throws PlanFailure {
        switch (source) {
            case EnvSource.Fixed fixed -> {
                full.putAll(fixed.values());
                own.putAll(fixed.values());
            }
            case EnvSource.Inline inline -> putAll(interpolate(inline.values(), Set.of(), full), full, own);
            case EnvSource.File file -> {
                DotEnv.Contents contents = readEnvFile(file);
                putAll(interpolate(contents.values(), contents.literal(), full), full, own);
                secrets.addAll(contents.values().keySet());
            }
        }
    }

    private static void putAll(Map<String, String> values, Map<String, String> full, Map<String, String> own) {
        full.putAll(values);
        own.putAll(values);
    }

    /** Each value against the layers below this one (not against its neighbours in the same mapping). */
    private static Map<String, String> interpolate(Map<String, Located<String>> values, Set<String> literal,
                                                   Map<String, String> below) throws PlanFailure {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Located<String>> e : values.entrySet()) {
            String raw = e.getValue().value();
            if (literal.contains(e.getKey())) {
                out.put(e.getKey(), raw);
                continue;
            }
            try {
                out.put(e.getKey(), Interpolation.resolve(raw, name -> Optional.ofNullable(below.get(name))));
            } catch (Interpolation.UnsetVariableException ex) {
                throw new PlanFailure(e.getValue().position(), "env '" + e.getKey() + "': " + ex.getMessage());
            }
        }
        return out;
    }

    private static DotEnv.Contents readEnvFile(EnvSource.File file) throws PlanFailure {
        try {
            if (Files.isDirectory(file.path())) {
                throw new PlanFailure(file.namedAt(), "env_file '" + file.path() + "' is a folder; name a file");
            }
            DotEnv.Contents contents = DotEnv.read(file.path());
            if (!contents.problems().isEmpty()) {
                Problem first = contents.problems().getFirst();
                throw new PlanFailure(first.position(), first.message());
            }
            return contents;
        } catch (NoSuchFileException e) {
            throw new PlanFailure(file.namedAt(), "env_file '" + file.path() + "' not found; create it, or remove "
                    + "env_file");
        } catch (IOException e) {
            throw new PlanFailure(file.namedAt(), "env_file '" + file.path() + "' cannot be read: " + e.getMessage()
                    + "; check its permissions");
        }
    }
}
