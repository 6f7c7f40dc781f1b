package dev.orchestrator.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orchestrator.control.JsonText;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeat endpoint the team's services already speak, on {@code 127.0.0.1} only:
 * {@code POST /heartbeat {"pid": 4242, "name": "stt"}} answers 200 {@code {"status":"ok","pid":4242,"name":"stt"}},
 * 400 {@code {"error":"pid and name required"}}, 404 for a pid of none of our apps, 409 for a pid of another app;
 * {@code GET /heartbeats} lists every running child with its last heartbeat. Listening from the start, for apps that
 * post at any time.
 *
 * <p>A small HTTP/1.1 server of its own ({@link HttpWire}) rather than the JDK's {@code HttpServer}, whose dispatcher
 * and idle timer wake every second even when no app sends heartbeats (and whose ~100 classes and two threads the
 * daemon carried for it): one platform thread blocks in {@code accept}, each connection is read on a virtual thread
 * (keep-alive, closed after {@code IDLE} without a request, as the JDK's server does after 30 s), JSON through
 * jackson-core ({@link JsonText}) rather than an {@code ObjectMapper}. Nothing here wakes while no client talks.
 */
public final class HeartbeatServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatServer.class);
    private static final int MAX_BODY = 64 * 1024;
    private static final int IDLE_MILLIS = 30_000;

    private final ServerSocket socket;
    private final Heartbeats beats;
    private final ThreadFactory connections = Thread.ofVirtual().name("orchestrator-heartbeat-", 0).factory();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private HeartbeatServer(ServerSocket socket, Heartbeats beats) {
        this.socket = socket;
        this.beats = beats;
    }

    /**
     * Listens on {@code 127.0.0.1:port} (0: any free port). When the port is taken the orchestrator runs without
     * heartbeats: {@code report} is told why and the result is empty; it never fails the orchestrator.
     */
    static Optional<HeartbeatServer> start(int port, Heartbeats beats, Consumer<String> report) {
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (BindException e) {
            closeQuietly(socket);
            report.accept("warning: heartbeat port " + port + " on 127.0.0.1 is in use (another project's "
                    + "orchestrator, or the old heartbeat service?); running without heartbeats: no app is restarted "
                    + "for missing ones. Set heartbeat.port in orchestrator.yaml to use another port");
            return Optional.empty();
        } catch (IOException e) {
            closeQuietly(socket);
            report.accept("warning: cannot listen for heartbeats on 127.0.0.1:" + port + ": " + e.getMessage()
                    + "; running without heartbeats");
            return Optional.empty();
        }
        HeartbeatServer hs = new HeartbeatServer(socket, beats);
        Thread.ofPlatform().name("orchestrator-heartbeat-accept").daemon(true).stackSize(256 << 10)
                .start(hs::acceptLoop);
        return Optional.of(hs);
    }

    /** The port it listens on. */
    public int port() {
        return socket.getLocalPort();
    }

    /** Stops listening and closes every open connection. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(socket);
        open.forEach(HeartbeatServer::closeQuietly);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = socket.accept();
                open.add(client);
                if (closed) {
                    closeQuietly(client);
                    return;
                }
                connections.newThread(() -> serve(client)).start();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("heartbeat endpoint: accepting a connection failed: {}", e.toString());
                }
            }
        }
    }

    /** Answers the requests of one connection until the client closes it, stays idle, or asks to close. */
    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(IDLE_MILLIS);
            client.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = new BufferedOutputStream(client.getOutputStream());
            boolean keepAlive = true;
            while (keepAlive && !closed) {
                HttpWire.Request request;
                try {
                    request = HttpWire.read(in, out, MAX_BODY);
                } catch (HttpWire.BadRequest e) {
                    if (e.answer) {
                        HttpWire.write(out, "GET", 400, error("bad request: " + e.getMessage()), null, false);
                    }
                    return;
                }
                if (request == null) {
                    return;
                }
                answer(request, out);
                keepAlive = request.keepAlive();
            }
        } catch (SocketTimeoutException | SocketException e) {
            // idle past the timeout, reset by the client, or closed by close()
        } catch (IOException | RuntimeException e) {
            LOG.warn("heartbeat request failed: {}", e.toString());
        } finally {
            open.remove(client);
        }
    }

    private void answer(HttpWire.Request r, OutputStream out) throws IOException {
        String path = r.path();
        if (path.equals("/heartbeats")) {
            if (!r.method().equals("GET")) {
                HttpWire.write(out, r.method(), 405, error("use GET"), "GET", r.keepAlive());
            } else {
                HttpWire.write(out, r.method(), 200, list(), null, r.keepAlive());
            }
        } else if (path.equals("/heartbeat")) {
            if (!r.method().equals("POST")) {
                HttpWire.write(out, r.method(), 405, error("use POST with {\"pid\": <int>, \"name\": \"<app>\"}"),
                        "POST", r.keepAlive());
            } else {
                heartbeat(r, out);
            }
        } else {
            HttpWire.write(out, r.method(), 404, error("no such path; POST /heartbeat or GET /heartbeats"), null,
                    r.keepAlive());
        }
    }

    private void heartbeat(HttpWire.Request r, OutputStream out) throws IOException {
        JsonNode body = read(r.body());
        Integer pid = body == null ? null : pid(body.get("pid"));
        JsonNode name = body == null ? null : body.get("name");
        if (pid == null || name == null || !name.isTextual() || name.asText().isEmpty()) {
            HttpWire.write(out, r.method(), 400, error("pid and name required"), null, r.keepAlive());
            return;
        }
        switch (beats.beat(pid, name.asText())) {
            case Heartbeats.Result.Ok ok -> HttpWire.write(out, r.method(), 200, JsonText.write(JsonText.object()
                    .put("status", "ok").put("pid", pid).put("name", ok.name()), false), null, r.keepAlive());
            case Heartbeats.Result.UnknownPid u -> HttpWire.write(out, r.method(), 404, error(u.reason()), null,
                    r.keepAlive());
            case Heartbeats.Result.WrongApp w -> HttpWire.write(out, r.method(), 409, error(w.reason()), null,
                    r.keepAlive());
        }
    }

    private String list() {
        ObjectNode out = JsonText.object();
        ArrayNode rows = out.putArray("heartbeats");
        for (Heartbeats.Row r : beats.rows()) {
            rows.addObject().put("name", r.name()).put("instance", r.instance()).put("pid", r.pid())
                    .put("tracked", r.tracked())
                    .put("last_heartbeat", r.last() == null ? null : r.last().toString())
                    .put("last_pid", r.lastPid()).put("timeout_ms", r.timeout().toMillis());
        }
        return JsonText.write(out, false);
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
    private static JsonNode read(byte[] body) {
        if (body.length > MAX_BODY) {
            return null;
        }
        try {
            JsonNode node = JsonText.read(new String(body, StandardCharsets.UTF_8));
            return node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String error(String message) {
        return JsonText.write(JsonText.object().put("error", message), false);
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // closing is all that was wanted
            }
        }
    }
}
