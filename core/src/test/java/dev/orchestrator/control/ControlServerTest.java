package dev.orchestrator.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The server and client end to end over a real socket, with a fake orchestrator behind it. */
@Timeout(60)
class ControlServerTest {

    @TempDir
    Path root;

    private final FakeTarget target = FakeTarget.sample();
    private ControlServer server;

    @BeforeEach
    void startServer() throws IOException {
        target.detailsRoot = root;
        server = target.serveAt(root);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private ControlClient client() throws ControlException {
        return ControlClient.connect(root, "1.0.0");
    }

    @Test
    void theServerSaysHelloFirstWithItsProtocolAndVersion() throws IOException {
        try (RawClient raw = new RawClient(server.location().socket())) {
            assertThat(raw.read()).isEqualTo("{\"schema\":1,\"type\":\"hello\",\"protocol\":1,\"orchestrator\":\"9.9.9\"}");
        }
    }

    @Test
    void aClientSpeakingAnotherProtocolIsToldToRestartTheOrchestrator() throws Exception {
        try (RawClient raw = new RawClient(server.location().socket())) {
            raw.send("{\"schema\":1,\"type\":\"hello\",\"protocol\":2,\"orchestrator\":\"2.0.0\"}");
            assertThat(raw.readToEnd()).containsExactly(
                    "{\"schema\":1,\"type\":\"hello\",\"protocol\":1,\"orchestrator\":\"9.9.9\"}",
                    "{\"schema\":1,\"type\":\"error\",\"id\":null,\"message\":\"this orchestrator speaks protocol 1, "
                            + "the CLI speaks 2; restart the orchestrator (orchestrator down; orchestrator up -d) "
                            + "after upgrading\"}");
        }
        try (ControlClient c = ControlClient.connect(server.location(), "2.0.0", 2)) {
            assertThatThrownBy(() -> c.stop("all"))
                    .isInstanceOf(ControlException.class)
                    .hasMessage("this orchestrator speaks protocol 1, the CLI speaks 2; restart the orchestrator "
                            + "(orchestrator down; orchestrator up -d) after upgrading");
        }
        assertThat(target.callsSnapshot()).as("a request sent with a refused hello never runs").isEmpty();
    }

    @Test
    void theClientSendsItsFirstRequestRightAfterItsHelloWithoutWaitingForTheServers() throws Exception {
        try (var listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            Path socket = root.resolve("silent.sock");
            listener.bind(UnixDomainSocketAddress.of(socket));
            SocketLocation silent = new SocketLocation(root, socket, Optional.empty());
            Thread caller = Thread.ofPlatform().daemon().start(() -> {
                try (ControlClient c = ControlClient.connect(silent, "1.0.0", Protocol.VERSION)) {
                    c.stop("web");
                } catch (ControlException expected) {
                    // the silent server never answers; the connection closes when the test ends
                }
            });
            try (var accepted = listener.accept()) {
                java.nio.ByteBuffer buf = ByteBuffer.allocate(4096);
                while (StandardCharsets.UTF_8.decode(buf.duplicate().flip()).toString()
                        .split("\n", -1).length < 3) {
                    accepted.read(buf); // this server says no hello: a client waiting for one would hang here
                }
                assertThat(StandardCharsets.UTF_8.decode(buf.flip()).toString()).isEqualTo(
                        "{\"schema\":1,\"type\":\"hello\",\"protocol\":1,\"orchestrator\":\"1.0.0\","
                                + "\"client\":\"orchestrator-cli\"}\n{\"id\":1,\"op\":\"stop\",\"selector\":\"web\"}\n");
            }
            caller.join(Duration.ofSeconds(10));
        }
    }

    @Test
    void aRequestBeforeTheHelloIsRefused() throws IOException {
        try (RawClient raw = new RawClient(server.location().socket())) {
            raw.send("{\"id\":1,\"op\":\"ls\"}");
            assertThat(raw.readToEnd()).last().isEqualTo("{\"schema\":1,\"type\":\"error\",\"id\":1,\"message\":"
                    + "\"expected a hello first, got {\\\"id\\\":1,\\\"op\\\":\\\"ls\\\"}; send {\\\"schema\\\":1,"
                    + "\\\"type\\\":\\\"hello\\\",\\\"protocol\\\":1}\"}");
        }
    }

    @Test
    void lsReturnsEveryRowAsTheTargetGaveIt() throws Exception {
        try (ControlClient c = client()) {
            assertThat(c.serverVersion()).isEqualTo("9.9.9");
            assertThat(c.list()).isEqualTo(target.rows);
        }
    }

    @Test
    void lsOnTheWireUsesTheContractFieldsInOrder() throws IOException {
        try (RawClient raw = RawClient.greeted(server.location().socket())) {
            raw.send("{\"id\":\"a\",\"op\":\"ls\"}");
            assertThat(raw.read()).startsWith("{\"schema\":1,\"type\":\"result\",\"id\":\"a\",\"ok\":true,\"apps\":["
                    + "{\"name\":\"api\",\"instance\":0,\"namespace\":\"default\",\"runtime\":\"python\","
                    + "\"status\":\"running\",\"pid\":4242,\"uptime_ms\":61000,\"restarts\":2,\"cpu_percent\":1.5,"
                    + "\"memory_bytes\":52428800,\"last_exit\":{\"code\":1,\"signal\":null,"
                    + "\"at\":\"2026-11-27T10:00:00Z\"}},");
        }
    }

    @Test
    void describeReturnsTheDetailsOrNamesTheAppsThatExist() throws Exception {
        try (ControlClient c = client()) {
            assertThat(c.describe("api").app()).contains(FakeTarget.apiDetails(root));
            ControlClient.Described missing = c.describe("apx");
            assertThat(missing.app()).isEmpty();
            assertThat(missing.message()).isEqualTo("app 'apx' not found: apps are api, web, duck_stt; "
                    + "run 'orchestrator ls' to see them");
        }
    }

    @Test
    void startStopAndRestartPassTheSelectorAndReturnTheResult() throws Exception {
        try (ControlClient c = client()) {
            assertThat(c.start("duck")).isEqualTo(ActionResult.done(List.of("duck_stt:0"), "start duck_stt:0"));
            assertThat(c.stop("api:1")).isEqualTo(ActionResult.done(List.of("api:1"), "stop api:1"));
            assertThat(c.restart("api")).isEqualTo(ActionResult.done(List.of("api:0", "api:1"), "restart api:0, api:1"));
            ActionResult unknown = c.stop("nope");
            assertThat(unknown.ok()).isFalse();
            assertThat(unknown.message()).startsWith("app or namespace 'nope' not found: apps are api, web, duck_stt");
        }
        assertThat(target.calls).containsSubsequence("start duck", "stop api:1", "restart api", "stop nope");
    }

    @Test
    void reloadAndDownReachTheTarget() throws Exception {
        try (ControlClient c = client()) {
            assertThat(c.reload()).isEqualTo(ActionResult.done(List.of("api:0"), "reloaded: 1 changed"));
        }
        try (ControlClient c = client()) {
            assertThat(c.down(Duration.ofMillis(50))).isEqualTo("every app stopped; the orchestrator exits");
        }
        assertThat(target.downs).hasValue(1);
    }

    @Test
    void downCountsAsDoneWhenTheOrchestratorClosesBeforeAnswering() throws Exception {
        try (ControlClient c = client()) {
            server.close();
            assertThat(c.down(Duration.ofMillis(50))).isEqualTo("the orchestrator stopped");
        }
    }

    @Test
    void unknownOpsAndFailingTargetsGetErrorLinesAndTheConnectionStays() throws IOException {
        target.failWith = new IllegalStateException("boom");
        try (RawClient raw = RawClient.greeted(server.location().socket())) {
            raw.send("{\"id\":1,\"op\":\"frob\"}");
            assertThat(raw.read()).isEqualTo("{\"schema\":1,\"type\":\"error\",\"id\":1,\"message\":\"op 'frob' is not "
                    + "known: protocol 1 has ls, describe, start, stop, restart, reload, down, events, cli; see "
                    + "docs/control-protocol.md\"}");
            raw.send("not json");
            assertThat(raw.read()).startsWith("{\"schema\":1,\"type\":\"error\",\"id\":null,\"message\":\"request is "
                    + "not JSON: ");
            raw.send("{\"id\":2,\"op\":\"ls\"}");
            assertThat(raw.read()).isEqualTo("{\"schema\":1,\"type\":\"error\",\"id\":2,\"message\":\"op 'ls' failed "
                    + "in the orchestrator: java.lang.IllegalStateException: boom; see .orchestrator/orchestrator.log "
                    + "and retry\"}");
            raw.send("{\"id\":3,\"op\":\"stop\"}");
            assertThat(raw.read()).isEqualTo("{\"schema\":1,\"type\":\"error\",\"id\":3,\"message\":\"op 'stop' needs "
                    + "a 'selector': an app name, NAME:i, a namespace or all\"}");
        }
    }

    @Test
    void aForwardedCommandLineReachesTheTargetAndItsOutputAndExitCodeComeBack() throws IOException {
        target.commands = c -> CommandOutcome.ran(1, "caf\u00e9 \"quoted\"\n\tnext\n", "orchestrator: \u001b[1mno\n");
        try (RawClient raw = RawClient.greeted(server.location().socket())) {
            raw.send("{\"id\":7,\"op\":\"cli\",\"argv\":[\"stop\",\"a \\\"b\\\"\\n\",\"\u00e9\"],\"cwd\":\"/mono/x\","
                    + "\"classpath\":\"/o/orchestrator.jar\"}");
            assertThat(raw.read()).isEqualTo("{\"schema\":1,\"type\":\"result\",\"id\":7,\"ok\":true,\"exit\":1,"
                    + "\"stdout\":\"caf\u00e9 \\\"quoted\\\"\\n\\tnext\\n\",\"stderr\":\"orchestrator: \\u001B[1mno\\n\"}");
        }
        assertThat(target.forwarded).containsExactly(new ForwardedCommand(List.of("stop", "a \"b\"\n", "\u00e9"),
                Path.of("/mono/x"), "/o/orchestrator.jar"));
    }

    @Test
    void aDeclinedCommandLineIsANotOkResultSayingWhy() throws Exception {
        try (ControlClient client = client()) {
            assertThat(client.forward(new ForwardedCommand(List.of("ls"), root, "cp")))
                    .isEqualTo(CommandOutcome.declined("fake"));
        }
        target.commands = c -> CommandOutcome.ran(3, "", "none\n");
        try (ControlClient client = client()) {
            assertThat(client.forward(new ForwardedCommand(List.of("ls"), root, "cp")))
                    .isEqualTo(CommandOutcome.ran(3, "", "none\n"));
        }
    }

    @Test
    void aCliRequestWithoutAnArgvArrayOfStringsOrAnAbsoluteCwdGetsAnErrorLine() throws IOException {
        try (RawClient raw = RawClient.greeted(server.location().socket())) {
            raw.send("{\"id\":1,\"op\":\"cli\",\"argv\":\"ls\",\"cwd\":\"/mono\"}");
            assertThat(raw.read()).startsWith("{\"schema\":1,\"type\":\"error\",\"id\":1,\"message\":\"op 'cli' needs "
                    + "'argv' (an array of strings) and 'cwd' (an absolute path)");
            raw.send("{\"id\":2,\"op\":\"cli\",\"argv\":[\"ls\"],\"cwd\":\"mono\"}");
            assertThat(raw.read()).startsWith("{\"schema\":1,\"type\":\"error\",\"id\":2,\"message\":\"op 'cli' needs ");
            raw.send("{\"id\":3,\"op\":\"cli\",\"argv\":[\"ls\",1],\"cwd\":\"/mono\"}");
            assertThat(raw.read()).isEqualTo("{\"schema\":1,\"type\":\"error\",\"id\":3,\"message\":\"op 'cli' needs "
                    + "every element of 'argv' to be a string, got 1\"}");
        }
        assertThat(target.forwarded).isEmpty();
    }

    @Test
    void eventsStreamToTheClientUntilItCloses() throws Exception {
        List<EventRecord> seen = new CopyOnWriteArrayList<>();
        ControlClient c = client();
        Thread follower = Thread.ofVirtual().start(() -> {
            try {
                c.events(seen::add);
            } catch (ControlException e) {
                throw new IllegalStateException(e);
            }
        });
        await().until(() -> target.listeners.size() == 1);
        List<EventRecord> events = List.of(
                new EventRecord.Started(FakeTarget.T0, "api", 0, 4242),
                new EventRecord.Exited(FakeTarget.T0, "api", 0, null, "SIGKILL"),
                new EventRecord.Restarting(FakeTarget.T0, "api", 0, 10_000, "crashed"),
                new EventRecord.Errored(FakeTarget.T0, "web", 0, "too many restarts"),
                new EventRecord.Stopped(FakeTarget.T0, "api", 1),
                new EventRecord.Reload(FakeTarget.T0, List.of("new"), List.of("old"), List.of("api"), List.of()));
        events.forEach(target::emit);
        await().until(() -> seen.size() == events.size());
        assertThat(seen).isEqualTo(events);
        c.close();
        follower.join();
        await().until(() -> target.listeners.isEmpty());
    }

    @Test
    void eventLinesCarryTheSubscriptionIdAndTheDocumentedFields() throws IOException {
        try (RawClient raw = RawClient.greeted(server.location().socket())) {
            raw.send("{\"id\":7,\"op\":\"events\"}");
            assertThat(raw.read()).isEqualTo("{\"schema\":1,\"type\":\"result\",\"id\":7,\"ok\":true,\"message\":"
                    + "\"subscribed; events follow until you close\"}");
            target.emit(new EventRecord.Exited(FakeTarget.T0, "api", 1, 3, null));
            assertThat(raw.read()).isEqualTo("{\"schema\":1,\"type\":\"event\",\"id\":7,\"event\":\"exited\","
                    + "\"at\":\"2026-11-27T10:00:00Z\",\"name\":\"api\",\"instance\":1,\"code\":3,\"signal\":null}");
        }
    }

    @Test
    void theSubscribedResultComesOnceTheSubscriptionIsInAndAnEventMeanwhileFollowsIt() throws IOException {
        target.whileSubscribing = listener -> {
            try {
                Thread.sleep(200); // a slow target: the result must wait for it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            listener.accept(new EventRecord.Started(FakeTarget.T0, "api", 0, 41)); // an event in that window
        };
        try (RawClient raw = RawClient.greeted(server.location().socket())) {
            raw.send("{\"id\":7,\"op\":\"events\"}");
            assertThat(raw.read()).isEqualTo("{\"schema\":1,\"type\":\"result\",\"id\":7,\"ok\":true,\"message\":"
                    + "\"subscribed; events follow until you close\"}");
            assertThat(target.listeners).hasSize(1); // so an event from now on cannot be missed
            target.emit(new EventRecord.Exited(FakeTarget.T0, "api", 0, 3, null));
            assertThat(raw.read()).contains("\"event\":\"started\"", "\"pid\":41");
            assertThat(raw.read()).contains("\"event\":\"exited\"", "\"code\":3");
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedWithoutBlockingTheOrchestrator() throws Exception {
        server.close();
        server = ControlServer.start(SocketLocation.forServer(root, Map.of(), SocketLocation.currentUid()), target,
                "9.9.9", new ControlServer.Options(16, Duration.ofSeconds(30)));
        try (RawClient slow = RawClient.greeted(server.location().socket())) {
            slow.send("{\"id\":1,\"op\":\"events\"}");
            await().until(() -> target.listeners.size() == 1);
            // Far more than the socket buffers and the queue hold: emitting must still return (@Timeout guards it).
            for (int i = 0; i < 200_000; i++) {
                target.emit(new EventRecord.Started(FakeTarget.T0, "api", 0, i));
            }
            await().until(() -> target.listeners.isEmpty());
            try (ControlClient other = client()) {
                assertThat(other.list()).hasSize(4);
            }
            List<String> rest = slow.readToEnd();
            assertThat(rest).hasSizeLessThan(200_000);
            assertThat(rest).last().isEqualTo("{\"schema\":1,\"type\":\"error\",\"id\":null,\"message\":\"client "
                    + "dropped: more than 16 messages were waiting for it to read; reconnect and read faster\"}");
        }
        await().until(() -> server.clientCount() == 0);
    }

    @Test
    void theSocketIsOwnerOnlyInAnOwnerOnlyFolder() throws IOException {
        Path socket = root.resolve(".orchestrator/orchestrator.sock");
        assertThat(server.location().socket()).isEqualTo(socket);
        assertThat(mode(socket)).isEqualTo("rw-------");
        assertThat(mode(socket.getParent())).isEqualTo("rwx------");
    }

    @Test
    void anExistingStateFolderIsMadeOwnerOnly() throws IOException {
        server.close();
        Files.setPosixFilePermissions(root.resolve(".orchestrator"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxr-x"));
        server = ControlServer.start(SocketLocation.forServer(root, Map.of(), 1000), target, "9.9.9");
        assertThat(mode(root.resolve(".orchestrator"))).isEqualTo("rwx------");
    }

    @Test
    void closingRemovesTheSocketAndThenClientsAreToldNothingRuns() {
        server.close();
        assertThat(root.resolve(".orchestrator/orchestrator.sock")).doesNotExist();
        assertThatThrownBy(this::client).isInstanceOf(ControlException.NotRunning.class)
                .hasMessage("no orchestrator is running for project '" + root + "': no control socket at " + root
                        + "/.orchestrator/orchestrator.sock; start one with 'orchestrator up -d', or 'orchestrator up' "
                        + "in another terminal");
    }

    static String mode(Path path) throws IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(path,
                java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }
}
