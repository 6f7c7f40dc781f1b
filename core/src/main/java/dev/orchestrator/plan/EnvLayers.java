package dev.orchestrator.plan;

import dev.orchestrator.descriptor.DotEnv;
import dev.orchestrator.descriptor.Located;
import dev.orchestrator.descriptor.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
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

    /**
     * The env with the runtime plugin's defaults placed at layer 2. {@code full} is immutable and unordered (what
     * {@link AppSpec} and the plugin's request copy it to anyway, so they share it); {@code own} keeps the order the
     * layers set its keys in.
     */
    public ResolvedEnv compute(Map<String, String> pluginDefaults) throws PlanFailure {
        // Only the layers are collected; each value interpolates against them over the inherited env, so the
        // (often large) inherited env is copied once, into the result, instead of once per computation and layer.
        Map<String, String> own = new LinkedHashMap<>();
        Set<String> secrets = new LinkedHashSet<>();
        apply(new EnvSource.Fixed(pluginDefaults), own, secrets);
        for (EnvSource source : defaults) {
            apply(source, own, secrets);
        }
        for (EnvSource source : configured) {
            apply(source, own, secrets);
        }
        own.putAll(identity);
        String pythonPath = own.containsKey("PYTHONPATH") ? own.get("PYTHONPATH") : inherited.get("PYTHONPATH");
        String root = projectRoot.toString();
        own.put("PYTHONPATH", pythonPath == null || pythonPath.isEmpty() ? root : root + ":" + pythonPath);
        for (String key : own.keySet()) {
            if (looksSecret(key)) {
                secrets.add(key);
            }
        }
        Map<String, String> full = new HashMap<>(inherited);
        full.putAll(own);
        return new ResolvedEnv(Map.copyOf(full), own, secrets);
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

    private void apply(EnvSource source, Map<String, String> own, Set<String> secrets) throws PlanFailure {
        switch (source) {
            case EnvSource.Fixed fixed -> own.putAll(fixed.values());
            case EnvSource.Inline inline -> own.putAll(interpolate(inline.values(), Set.of(), own));
            case EnvSource.File file -> {
                DotEnv.Contents contents = readEnvFile(file);
                own.putAll(interpolate(contents.values(), contents.literal(), own));
                secrets.addAll(contents.values().keySet());
            }
        }
    }

    /**
     * Each value against the layers below this one (not against its neighbours in the same mapping): {@code below}
     * holds what the lower layers set, over the inherited env.
     */
    private Map<String, String> interpolate(Map<String, Located<String>> values, Set<String> literal,
                                            Map<String, String> below) throws PlanFailure {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Located<String>> e : values.entrySet()) {
            String raw = e.getValue().value();
            if (literal.contains(e.getKey())) {
                out.put(e.getKey(), raw);
                continue;
            }
            try {
                out.put(e.getKey(), Interpolation.resolve(raw, name -> Optional.ofNullable(
                        below.containsKey(name) ? below.get(name) : inherited.get(name))));
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
