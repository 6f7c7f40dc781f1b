package dev.orchestrator.migrate;

import dev.orchestrator.descriptor.AppKey;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One PM2 app in our terms, before it is placed in a descriptor: its keys (values as they will be written: strings,
 * numbers, booleans, lists), its env (secrets excluded) and its secrets (for the env file).
 */
record TranslatedApp(String name, EnumMap<AppKey, Object> keys, LinkedHashMap<String, String> env,
                     LinkedHashMap<String, String> secrets) {

    static TranslatedApp named(String name) {
        EnumMap<AppKey, Object> keys = new EnumMap<>(AppKey.class);
        keys.put(AppKey.NAME, name);
        return new TranslatedApp(name, keys, new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    boolean hasSecrets() {
        return !secrets.isEmpty();
    }

    Map<String, String> secretsView() {
        return java.util.Collections.unmodifiableMap(secrets);
    }
}
