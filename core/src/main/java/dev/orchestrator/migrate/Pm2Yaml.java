package dev.orchestrator.migrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a PM2 process file in YAML ({@code process.yml}, {@code ecosystem.config.yaml}) as PM2 does with js-yaml: YAML
 * 1.2 scalars, so {@code NO} stays a string and {@code 0755} is the number 755 (not the YAML 1.1 octal 493).
 */
final class Pm2Yaml {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Pm2Yaml() {
    }

    static EvaluatedFile read(Path file) {
        Object document;
        try {
            LoaderOptions options = new LoaderOptions();
            document = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()),
                    new DumperOptions(), options, new CoreSchema()).load(Files.readString(file));
        } catch (IOException e) {
            return EvaluatedFile.failed(file, "cannot read it: " + e.getMessage());
        } catch (RuntimeException e) {
            return EvaluatedFile.failed(file, "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        Object apps = document;
        if (document instanceof Map<?, ?> map) {
            apps = map.containsKey("apps") ? map.get("apps") : map.containsKey("pm2") ? map.get("pm2") : map;
        }
        List<Pm2App> out = new ArrayList<>();
        for (Object app : apps instanceof List<?> list ? list : apps == null ? List.of() : List.of(apps)) {
            if (app instanceof Map<?, ?> map) {
                out.add(Pm2App.of(withEnvAsStrings(map)));
            }
        }
        return new EvaluatedFile(file, out, Optional.empty());
    }

    private static Map<String, Object> withEnvAsStrings(Map<?, ?> app) {
        Map<String, Object> out = new LinkedHashMap<>();
        app.forEach((k, v) -> {
            String key = String.valueOf(k);
            boolean envBlock = (key.equals("env") || key.startsWith("env_")) && !key.equals("env_file");
            if (envBlock && v instanceof Map<?, ?> env) {
                Map<String, Object> strings = new LinkedHashMap<>();
                env.forEach((name, value) -> {
                    if (value != null) {
                        strings.put(String.valueOf(name), jsString(value));
                    }
                });
                out.put(key, strings);
            } else {
                out.put(key, v);
            }
        });
        return out;
    }

    /** What JavaScript's String(v) gives, which is what PM2 hands the child for a non-string env value. */
    static String jsString(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e21) {
            return Long.toString(d.longValue());
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                return String.valueOf(value);
            }
        }
        return String.valueOf(value);
    }

    /** YAML 1.2 core schema scalars: true/false only, decimal numbers only. */
    private static final class CoreSchema extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
            addImplicitResolver(Tag.INT, Pattern.compile("^[-+]?(?:0|[1-9][0-9]*)$"), "-+0123456789");
            addImplicitResolver(Tag.FLOAT,
                    Pattern.compile("^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"), "-+.0123456789");
            addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL|)$"), "~nN\0");
            addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null);
        }
    }
}
