package dev.orchestrator.migrate;

import java.util.ArrayList;
import java.util.List;

/** Turning PM2's JSON values into the strings a descriptor holds. */
final class TextValues {

    private TextValues() {
    }

    /**
     * PM2 never interpolates, we do ({@code ${VAR}} in env values, args, cwd and script): every {@code $} is written
     * {@code $$}, so the value reaches the app exactly as PM2 passed it.
     */
    static String literal(String text) {
        return text.replace("$", "$$");
    }

    /** A JSON scalar as JavaScript's String(v) would give it. */
    static String string(Object value) {
        return Pm2Yaml.jsString(value);
    }

    /** A list of JSON scalars (PM2 args), as literal strings. */
    static List<String> literalList(List<?> values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(literal(string(v))));
        return out;
    }

    /** A string or a list (PM2 accepts both for args, watch, ignore_watch...), as a list of strings. */
    static List<String> stringList(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(TextValues::string).toList();
        }
        return List.of(string(value));
    }

    /** A value as JSON, for messages: {@code "1.5G"}, {@code ["a","b"]}. */
    static String shown(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /** PM2 numbers arrive as Integer, Long or Double; whole numbers are written without a fraction. */
    static Object number(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return d.longValue();
        }
        return value;
    }
}
