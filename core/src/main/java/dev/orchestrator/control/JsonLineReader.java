package dev.orchestrator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;

/**
 * Reads one protocol line into the tree {@link JsonText#read} gives, on both sides of the socket. jackson-core's
 * parser is not used for protocol lines because its first use initializes {@code java.math.BigDecimal}, whose static
 * tables (5^(2^16) among them) cost 8-11 ms, interpreted: of every short verb's JVM, and of the orchestrator's answer
 * to its first request (a {@code stop all} waited for them before its first signal). Nothing here touches
 * {@code BigDecimal}. Nesting is limited as jackson-core limits it, so a hostile line cannot overflow the stack.
 */
final class JsonLineReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** jackson-core's default {@code StreamReadConstraints} nesting limit. */
    static final int MAX_DEPTH = 1000;

    private final String text;
    private int at;
    private int depth;

    private JsonLineReader(String text) {
        this.text = text;
    }

    /**
     * The JSON object on {@code line}.
     *
     * @throws IllegalArgumentException when the line is not JSON ("not JSON: what at column N") or is JSON but not
     *                                  one object ("not a JSON object: the line")
     */
    static ObjectNode object(String line) {
        JsonLineReader r = new JsonLineReader(line);
        JsonNode node = r.value();
        r.skipSpace();
        if (r.at != line.length()) {
            throw r.error("unexpected text after the " + (node.isObject() ? "object" : "value"));
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new IllegalArgumentException("not a JSON object: " + Protocol.abbreviate(line));
    }

    private JsonNode value() {
        skipSpace();
        if (at == text.length()) {
            throw error("unexpected end of the line");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{', '[' -> nested(c);
            case '"' -> NODES.textNode(string());
            case 't' -> literal("true", NODES.booleanNode(true));
            case 'f' -> literal("false", NODES.booleanNode(false));
            case 'n' -> literal("null", NODES.nullNode());
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected character '" + c + "'");
            }
        };
    }

    /** An object or array, one level deeper. */
    private JsonNode nested(char open) {
        if (++depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        JsonNode node = open == '{' ? object() : array();
        depth--;
        return node;
    }

    private ObjectNode object() {
        ObjectNode object = NODES.objectNode();
        at++; // {
        skipSpace();
        if (peek() == '}') {
            at++;
            return object;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a field name");
            }
            String name = string();
            skipSpace();
            if (!take(':')) {
                throw error("expected ':'");
            }
            object.set(name, value());
            skipSpace();
            if (!take('}') && !take(',')) {
                throw error("expected ',' or '}'");
            }
            if (text.charAt(at - 1) == '}') {
                return object;
            }
        }
    }

    private ArrayNode array() {
        ArrayNode array = NODES.arrayNode();
        at++; // [
        skipSpace();
        if (peek() == ']') {
            at++;
            return array;
        }
        while (true) {
            array.add(value());
            skipSpace();
            if (!take(']') && !take(',')) {
                throw error("expected ',' or ']'");
            }
            if (text.charAt(at - 1) == ']') {
                return array;
            }
        }
    }

    private String string() {
        at++; // opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw error("unexpected end of the line");
                    }
                    try {
                        out.append((char) Integer.parseInt(text, at, at + 4, 16));
                    } catch (NumberFormatException bad) {
                        throw error("bad \\u escape");
                    }
                    at += 4;
                }
                default -> throw error("bad escape '\\" + e + "'");
            }
        }
    }

    private JsonNode number() {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        boolean integral = true;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c >= '0' && c <= '9') {
                at++;
            } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                integral = false;
                at++;
            } else {
                break;
            }
        }
        String digits = text.substring(start, at);
        try {
            if (!integral) {
                return NODES.numberNode(Double.parseDouble(digits));
            }
            long value = Long.parseLong(digits);
            return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
        } catch (NumberFormatException e) {
            if (integral && digits.matches("-?[0-9]+")) {
                return NODES.numberNode(new BigInteger(digits));
            }
            at = start;
            throw error("bad number '" + digits + "'");
        }
    }

    private JsonNode literal(String word, JsonNode node) {
        if (!text.startsWith(word, at)) {
            throw error("unexpected character '" + text.charAt(at) + "'");
        }
        at += word.length();
        return node;
    }

    private void skipSpace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return;
            }
            at++;
        }
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : 0;
    }

    private char next() {
        if (at == text.length()) {
            throw error("unexpected end of the line");
        }
        return text.charAt(at++);
    }

    /** Consumes {@code c} when it comes next. */
    private boolean take(char c) {
        if (peek() != c || at == text.length()) {
            return false;
        }
        at++;
        return true;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("not JSON: " + what + " at column " + (at + 1));
    }
}
