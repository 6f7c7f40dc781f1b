package dev.orchestrator.migrate;

import dev.orchestrator.descriptor.AppKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Places the apps of one PM2 config in an {@code ecosystem.yaml} beside it: env every app shares goes to the file's
 * {@code env:}, secrets to a private env file referenced by {@code env_file:} (the file's when all apps share the same
 * secrets, else each app's), and the text is read back by the descriptor reader before anything is written.
 */
final class DescriptorDraft {

    /** The env file secrets are written to; a second set of secrets in the same folder gets {@code -<app>} appended. */
    static final String ENV_FILE = ".env.orchestrator";

    private DescriptorDraft() {
    }

    static OutputFile build(Path configFile, List<TranslatedApp> apps, List<Finding> findings) {
        Path folder = configFile.getParent();
        Path descriptor = folder.resolve("ecosystem.yaml");
        for (TranslatedApp app : apps) {
            KeyCheck.check(app, descriptor, new AppNotes(configFile, app.name(), findings));
        }
        Map<Map<String, String>, String> secretFiles = new LinkedHashMap<>();
        for (TranslatedApp app : apps) {
            if (app.hasSecrets()) {
                secretFiles.computeIfAbsent(app.secretsView(),
                        s -> secretFiles.isEmpty() ? ENV_FILE : ENV_FILE + "-" + app.name());
            }
        }
        boolean fileLevelSecrets = secretFiles.size() == 1 && apps.stream().allMatch(TranslatedApp::hasSecrets);
        Map<String, String> common = apps.size() < 2 ? Map.of() : commonEnv(apps);
        Object document = document(apps, secretFiles, fileLevelSecrets, common);
        String yaml = header(configFile, secretFiles) + YamlEmitter.write(document);
        boolean valid = ReadBack.verify(descriptor, yaml, apps, common, configFile, findings);
        Map<Path, String> envFiles = new LinkedHashMap<>();
        secretFiles.forEach((secrets, name) -> envFiles.put(folder.resolve(name), EnvFileText.secrets(configFile,
                secrets)));
        Optional<String> example = secretFiles.isEmpty() ? Optional.empty()
                : Optional.of(EnvFileText.example(secretFiles));
        return new OutputFile(configFile, descriptor, apps.stream().map(TranslatedApp::name).toList(), yaml,
                envFiles, example, List.copyOf(secretFiles.values()), valid);
    }

    private static Object document(List<TranslatedApp> apps, Map<Map<String, String>, String> secretFiles,
                                   boolean fileLevelSecrets, Map<String, String> common) {
        if (apps.size() == 1) {
            TranslatedApp app = apps.getFirst();
            return appMap(app, Map.of(), secretFiles.get(app.secretsView()));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        if (fileLevelSecrets) {
            document.put("env_file", secretFiles.values().iterator().next());
        }
        if (!common.isEmpty()) {
            document.put("env", common);
        }
        List<Object> list = new ArrayList<>();
        for (TranslatedApp app : apps) {
            list.add(appMap(app, common, fileLevelSecrets ? null : secretFiles.get(app.secretsView())));
        }
        document.put("apps", list);
        return document;
    }

    private static Map<String, Object> appMap(TranslatedApp app, Map<String, String> common, String secretFile) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (AppKey key : AppKey.values()) {
            Object value = app.keys().get(key);
            if (key == AppKey.ENV) {
                Map<String, String> env = new LinkedHashMap<>(app.env());
                common.keySet().forEach(env::remove);
                value = env.isEmpty() ? null : env;
            } else if (key == AppKey.ENV_FILE) {
                value = envFiles(value, secretFile);
            }
            if (value != null) {
                out.put(key.key(), value);
            }
        }
        return out;
    }

    private static Object envFiles(Object own, String secretFile) {
        List<String> files = new ArrayList<>();
        if (own instanceof List<?> list) {
            list.forEach(f -> files.add(String.valueOf(f)));
        }
        if (secretFile != null) {
            files.add(secretFile);
        }
        return files.isEmpty() ? null : files.size() == 1 ? files.getFirst() : files;
    }

    /** The env entries (same key, same value) of every app. */
    private static Map<String, String> commonEnv(List<TranslatedApp> apps) {
        Map<String, String> common = new LinkedHashMap<>(apps.getFirst().env());
        for (TranslatedApp app : apps) {
            common.entrySet().removeIf(e -> !e.getValue().equals(app.env().get(e.getKey())));
        }
        return common;
    }

    private static String header(Path configFile, Map<Map<String, String>, String> secretFiles) {
        String header = "# Imported from " + configFile.getFileName() + " by 'orchestrator import' (docs/migrating-"
                + "from-pm2.md).\n";
        if (!secretFiles.isEmpty()) {
            header += "# Secrets are in " + String.join(", ", secretFiles.values()) + " (mode 0600, git-ignored); "
                    + ".env.example lists their names.\n";
        }
        return header;
    }
}
