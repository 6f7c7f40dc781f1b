package dev.orchestrator.migrate;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;

/** The text of the secrets env file and of {@code .env.example}, in the dotenv syntax {@code env_file} reads. */
final class EnvFileText {

    private EnvFileText() {
    }

    static String secrets(Path configFile, Map<String, String> secrets) {
        StringBuilder out = new StringBuilder("# Secrets of the apps of " + configFile.getFileName()
                + ", moved here by 'orchestrator import'. Keep this file private: it is git-ignored and mode 0600.\n");
        secrets.forEach((k, v) -> out.append(k).append('=').append(quoted(v)).append('\n'));
        return out.toString();
    }

    static String example(Map<Map<String, String>, String> files) {
        StringBuilder out = new StringBuilder("# The secrets ecosystem.yaml expects, without their values. Copy this "
                + "file to the env file named below and fill it in.\n");
        files.forEach((secrets, name) -> {
            out.append("# ").append(name).append('\n');
            new TreeSet<>(secrets.keySet()).forEach(k -> out.append(k).append("=\n"));
        });
        return out.toString();
    }

    /**
     * Single quotes keep a value literal (no {@code ${...}}); a value holding a single quote or a line break is
     * double-quoted, with {@code $} doubled so it stays literal too.
     */
    static String quoted(String value) {
        if (value.indexOf('\'') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return "'" + value + "'";
        }
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                .replace("$", "$$") + "\"";
    }
}
