package dev.orchestrator.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The endpoint's HTTP on a raw socket: what curl, requests, fetch and HttpURLConnection send and expect back. */
class HeartbeatServerTest {
    private static final String UNKNOWN = "{\"error\":\"pid 7 is not a process of any app this orchestrator runs; "
            + "send the pid of the app's own process (os.getpid(), process.pid, $$)\"}";

    private final List<String> reports = new ArrayList<>();
    private HeartbeatServer server;

    @BeforeEach
    void start() {
        server = HeartbeatServer.start(0, new Heartbeats(Clock.systemUTC(), () -> { }), reports::add).orElseThrow();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private record Answer(String head, String body) {
        String status() {
            return head.lines().findFirst().orElse("");
        }
    }

    /** Writes {@code request} on one connection and reads {@code answers} answers (by Content-Length). */
    private List<Answer> exchange(String request, int answers) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            List<Answer> out = new ArrayList<>();
            InputStream in = s.getInputStream();
            for (int i = 0; i < answers; i++) {
                out.add(answer(in, request.startsWith("HEAD")));
            }
            return out;
        }
    }

    private static Answer answer(InputStream in, boolean head) throws IOException {
        StringBuilder h = new StringBuilder();
        while (!h.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + h);
            }
            h.append((char) b);
        }
        int length = h.toString().lines().filter(l -> l.startsWith("Content-Length: ")).findFirst()
                .map(l -> Integer.parseInt(l.substring(16))).orElse(0);
        String body = head ? "" : new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Answer(h.toString(), body);
    }

    private static String post(String body, String... headers) {
        return "POST /heartbeat HTTP/1.1\r\nHost: x\r\n" + String.join("", headers) + "Content-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    @Test
    void answersSeveralRequestsOnOneKeptAliveConnection() throws IOException {
        List<Answer> answers = exchange(post("{\"pid\": 7, \"name\": \"a\"}") + post("{}")
                + "GET /heartbeats HTTP/1.1\r\nHost: x\r\n\r\n", 3);

        assertThat(answers).extracting(Answer::status).containsExactly("HTTP/1.1 404 Not Found",
                "HTTP/1.1 400 Bad Request", "HTTP/1.1 200 OK");
        assertThat(answers).extracting(Answer::body).containsExactly(UNKNOWN,
                "{\"error\":\"pid and name required\"}", "{\"heartbeats\":[]}");
        assertThat(answers.getFirst().head()).contains("\r\nContent-Type: application/json\r\n").contains("\r\nDate: ")
                .doesNotContain("Connection: close");
    }

    @Test
    void readsChunkedBodiesAndAnswersExpectContinueFirst() throws IOException {
        String chunked = "POST /heartbeat HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                + "Expect: 100-continue\r\n\r\n" + "a\r\n{\"pid\": 7,\r\n" + "e;ext=1\r\n \"name\": \"a\"}\r\n"
                + "0\r\nX-Trailer: 1\r\n\r\n";

        List<Answer> answers = exchange(chunked, 2);

        assertThat(answers.get(0).head()).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
        assertThat(answers.get(1)).extracting(Answer::status, Answer::body).containsExactly("HTTP/1.1 404 Not Found",
                UNKNOWN);
    }

    @Test
    void closesWhenAskedAndForHttp10WithoutKeepAlive() throws IOException {
        for (String request : List.of(post("{}", "Connection: close\r\n"),
                "POST /heartbeat HTTP/1.0\r\nContent-Length: 2\r\n\r\n{}")) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
                Answer a = answer(s.getInputStream(), false);

                assertThat(a.head()).contains("\r\nConnection: close\r\n");
                assertThat(a.body()).isEqualTo("{\"error\":\"pid and name required\"}");
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void wrongMethodsGet405WithAllowAndOtherPaths404() throws IOException {
        List<Answer> answers = exchange("GET /heartbeat HTTP/1.1\r\n\r\nPOST /heartbeats HTTP/1.1\r\n"
                + "Content-Length: 0\r\n\r\nGET /metrics?x=1 HTTP/1.1\r\n\r\nGET /heartbeats?x=1 HTTP/1.1\r\n\r\n", 4);

        assertThat(answers).extracting(Answer::status).containsExactly("HTTP/1.1 405 Method Not Allowed",
                "HTTP/1.1 405 Method Not Allowed", "HTTP/1.1 404 Not Found", "HTTP/1.1 200 OK");
        assertThat(answers.get(0).head()).contains("\r\nAllow: POST\r\n");
        assertThat(answers.get(0).body())
                .isEqualTo("{\"error\":\"use POST with {\\\"pid\\\": <int>, \\\"name\\\": \\\"<app>\\\"}\"}");
        assertThat(answers.get(1).head()).contains("\r\nAllow: GET\r\n");
        assertThat(answers.get(2).body()).isEqualTo("{\"error\":\"no such path; POST /heartbeat or GET /heartbeats\"}");
    }

    @Test
    void aHeadRequestGetsTheHeadWithoutTheBody() throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("HEAD /heartbeats HTTP/1.1\r\n\r\nGET /heartbeats HTTP/1.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));

            Answer head = answer(s.getInputStream(), true);
            assertThat(head.status()).isEqualTo("HTTP/1.1 405 Method Not Allowed");
            assertThat(head.head()).contains("\r\nContent-Length: 19\r\n");
            assertThat(answer(s.getInputStream(), false).body()).isEqualTo("{\"heartbeats\":[]}");
        }
    }

    @Test
    void aBodyOverTheLimitIsReadAndAnswered400() throws IOException {
        String big = "{\"pid\": 7, \"name\": \"a\", \"pad\": \"" + "x".repeat(70_000) + "\"}";

        List<Answer> answers = exchange(post(big) + post("{\"pid\": 7, \"name\": \"a\"}"), 2);

        assertThat(answers).extracting(Answer::body).containsExactly("{\"error\":\"pid and name required\"}", UNKNOWN);
    }

    @Test
    void aMalformedRequestGets400AndTheConnectionCloses() throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("HELLO\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            Answer a = answer(s.getInputStream(), false);

            assertThat(a.status()).isEqualTo("HTTP/1.1 400 Bad Request");
            assertThat(a.body()).isEqualTo("{\"error\":\"bad request: bad request line\"}");
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void closingStopsListeningAndEndsOpenConnections() throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(post("{}").getBytes(StandardCharsets.US_ASCII));
            answer(s.getInputStream(), false);

            server.close();

            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(reports).isEmpty();
    }

    @Test
    void datesAreImfFixdates() {
        assertThat(HttpWire.date(ZonedDateTime.of(2026, 3, 1, 9, 5, 7, 0, ZoneOffset.UTC)))
                .isEqualTo("Sun, 01 Mar 2026 09:05:07 GMT");
    }
}
