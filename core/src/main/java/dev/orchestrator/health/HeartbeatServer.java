package dev.orchestrator.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeat endpoint the team's services already speak, on {@code 127.0.0.1} only:
 * {@code POST /heartbeat {"pid": 4242, "name": "stt"}} answers 200 {@code {"status":"ok","pid":4242,"name":"stt"}},
 * 400 {@code {"error":"pid and name required"}}, 404 for a pid of none of our apps, 409 for a pid of another app;
 * {@code GET /heartbeats} lists every running child with its last heartbeat. The JDK's server: its dispatcher thread
 * accepts, each exchange runs on a virtual thread.
 */
public final class HeartbeatServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService handlers;
    private final Heartbeats beats;

    private HeartbeatServer(HttpServer server, ExecutorService handlers, Heartbeats beats) {
        this.server = server;
        this.handlers = handlers;
        this.beats = beats;
    }

    /**
     * Listens on {@code 127.0.0.1:port} (0: any free port). When the port is taken the orchestrator runs without
     * heartbeats: {@code report} is told why and the result is empty; it never fails the orchestrator.
     */
    static Optional<HeartbeatServer> start(int port, Heartbeats beats, Consumer<String> report) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (BindException e) {
            report.accept("warning: heartbeat port " + port + " on 127.0.0.1 is in use (another project's "
                    + "orchestrator, or the old heartbeat service?); running without heartbeats: no app is restarted "
                    + "for missing ones. Set heartbeat.port in orchestrator.yaml to use another port");
            return Optional.empty();
        } catch (IOException e) {
            report.accept("warning: cannot listen for heartbeats on 127.0.0.1:" + port + ": " + e.getMessage()
                    + "; running without heartbeats");
            return Optional.empty();
        }
        ExecutorService handlers = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("orchestrator-heartbeat-", 0).factory());
        HeartbeatServer hs = new HeartbeatServer(server, handlers, beats);
        server.setExecutor(handlers);
        server.createContext("/heartbeat", hs::heartbeat);
        server.createContext("/heartbeats", hs::list);
        server.start();
        return Optional.of(hs);
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }

    private void heartbeat(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestURI().getPath().equals("/heartbeat")) {
                send(ex, 404, error("no such path; POST /heartbeat or GET /heartbeats"));
                return;
            }
            if (!ex.getRequestMethod().equals("POST")) {
                ex.getResponseHeaders().set("Allow", "POST");
                send(ex, 405, error("use POST with {\"pid\": <int>, \"name\": \"<app>\"}"));
                return;
            }
            JsonNode body = read(ex.getRequestBody());
            Integer pid = body == null ? null : pid(body.get("pid"));
            JsonNode name = body == null ? null : body.get("name");
            if (pid == null || name == null || !name.isTextual() || name.asText().isEmpty()) {
                send(ex, 400, error("pid and name required"));
                return;
            }
            switch (beats.beat(pid, name.asText())) {
                case Heartbeats.Result.Ok ok -> send(ex, 200, JSON.createObjectNode().put("status", "ok")
                        .put("pid", pid).put("name", ok.name()));
                case Heartbeats.Result.UnknownPid u -> send(ex, 404, error(u.reason()));
                case Heartbeats.Result.WrongApp w -> send(ex, 409, error(w.reason()));
            }
        } catch (RuntimeException e) {
            LOG.warn("heartbeat request failed: {}", e.toString());
        }
    }

    private void list(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("GET")) {
                ex.getResponseHeaders().set("Allow", "GET");
                send(ex, 405, error("use GET"));
                return;
            }
            ObjectNode out = JSON.createObjectNode();
            ArrayNode rows = out.putArray("heartbeats");
            for (Heartbeats.Row r : beats.rows()) {
                rows.addObject().put("name", r.name()).put("instance", r.instance()).put("pid", r.pid())
                        .put("tracked", r.tracked())
                        .put("last_heartbeat", r.last() == null ? null : r.last().toString())
                        .put("last_pid", r.lastPid()).put("timeout_ms", r.timeout().toMillis());
            }
            send(ex, 200, out);
        }
    }

    /** A positive int, or its decimal digits as a string (some clients send {@code "4242"}); null otherwise. */
    private static Integer pid(JsonNode node) {
        if (node != null && node.isIntegralNumber() && node.canConvertToInt() && node.asInt() > 0) {
            return node.asInt();
        }
        if (node != null && node.isTextual() && node.asText().matches("[1-9][0-9]{0,9}")) {
            long value = Long.parseLong(node.asText());
            return value <= Integer.MAX_VALUE ? (int) value : null;
        }
        return null;
    }

    /** The body as JSON, or null when it is not a JSON object (or too large). */
    private static JsonNode read(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static void send(HttpExchange ex, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
