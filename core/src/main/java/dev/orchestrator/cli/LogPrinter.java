package dev.orchestrator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orchestrator.cli.logfiles.LogStream;
import dev.orchestrator.cli.logfiles.Palette;
import java.io.PrintWriter;
import java.util.List;

/**
 * Prints log lines like the console: {@code api   | line}, labels padded to the widest, coloured per name on a
 * terminal (stderr text in red); or one compact JSON object per line.
 */
final class LogPrinter {

    private static final ObjectMapper COMPACT = new ObjectMapper();

    private final PrintWriter out;
    private final boolean json;
    private final boolean colour;
    private final int width;

    LogPrinter(PrintWriter out, List<LogStream> streams, boolean json, boolean colour) {
        this.out = out;
        this.json = json;
        this.colour = colour;
        this.width = streams.stream().mapToInt(s -> s.label().length()).max().orElse(0);
    }

    /** Thread-safe: the follower and the tail never print at once, but a PrintWriter line must not tear either. */
    synchronized void line(LogStream stream, String line) {
        if (json) {
            ObjectNode n = COMPACT.createObjectNode();
            n.put("schema", Json.SCHEMA);
            n.put("app", stream.app());
            if (stream.instance().isPresent()) {
                n.put("instance", stream.instance().getAsInt());
            } else {
                n.putNull("instance");
            }
            n.put("stream", stream.kind().wireName());
            n.put("line", line);
            try {
                out.println(COMPACT.writeValueAsString(n));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a log line as JSON: " + e.getMessage(), e);
            }
            return;
        }
        String label = stream.label() + " ".repeat(width - stream.label().length());
        boolean err = stream.kind() == LogStream.Kind.ERR;
        out.println(colour ? Palette.paint(label) + " | " + (err ? Palette.red(line) : line) : label + " | " + line);
    }

    synchronized void flush() {
        out.flush();
    }
}
