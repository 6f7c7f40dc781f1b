package dev.orchestrator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The framing and the fixed messages of the control protocol (see {@code docs/control-protocol.md}): one JSON object
 * per line, UTF-8, {@code \n}-terminated. Every line the server sends starts with {@code "schema": 1} and a
 * {@code "type"}: {@code hello}, {@code result}, {@code error} or {@code event}.
 */
public final class Protocol {

    /** The protocol version; bumped when a message changes incompatibly. Both sides must speak the same one. */
    public static final int VERSION = 1;
    /** The JSON schema version every object carries. */
    public static final int SCHEMA = 1;
    /** The longest request line the server reads; longer ones end the connection. */
    public static final int MAX_LINE_BYTES = 64 * 1024;
    /** The ops of protocol 1. */
    public static final List<String> OPS = List.of("ls", "describe", "start", "stop", "restart", "reload", "down",
            "events", "cli");

    private Protocol() {
    }

    /** A new object with {@code "schema": 1} and {@code "type"} first. */
    public static ObjectNode message(String type) {
        ObjectNode node = JsonText.object();
        node.put("schema", SCHEMA);
        node.put("type", type);
        return node;
    }

    /** {@code {"schema":1,"type":"hello","protocol":1,"orchestrator":"<version>"}}; a client may add {@code client}. */
    public static ObjectNode hello(String version) {
        ObjectNode node = message("hello");
        node.put("protocol", VERSION);
        node.put("orchestrator", version);
        return node;
    }

    /** The error both sides give when the versions differ: an old daemon meeting a newer CLI, or the reverse. */
    public static String mismatch(int serverProtocol, int clientProtocol) {
        return "this orchestrator speaks protocol " + serverProtocol + ", the CLI speaks " + clientProtocol
                + "; restart the orchestrator (orchestrator down; orchestrator up -d) after upgrading";
    }

    /** One compact line, without the newline (JSON strings escape theirs, so a message never spans lines). */
    public static String line(JsonNode node) {
        return JsonText.write(node, false);
    }

    /**
     * Parses one line into an object, on both sides of the socket (with {@link JsonLineReader}).
     *
     * @throws IllegalArgumentException when the line is not a JSON object; the message says where
     */
    public static ObjectNode parse(String line) {
        return JsonLineReader.object(line);
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
