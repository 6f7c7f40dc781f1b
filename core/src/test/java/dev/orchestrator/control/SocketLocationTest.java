package dev.orchestrator.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SocketLocationTest {

    @TempDir
    Path temp;

    private final FakeTarget target = FakeTarget.sample();

    /** A project root whose state-folder socket path is longer than sun_path allows. */
    private Path longRoot() throws IOException {
        Path root = temp.resolve("a-folder-name-that-is-long-".repeat(3)).resolve("and-deeper-still-".repeat(3));
        Files.createDirectories(root);
        assertThat(SocketLocation.fits(root.resolve(".orchestrator/orchestrator.sock"))).isFalse();
        return root;
    }

    @Test
    void aShortRootKeepsTheSocketInTheStateFolderWithoutAPointer() {
        SocketLocation l = SocketLocation.forServer(Path.of("/mono"), Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), 1000);
        assertThat(l).isEqualTo(new SocketLocation(Path.of("/mono"), Path.of("/mono/.orchestrator/orchestrator.sock"),
                Optional.empty()));
    }

    @Test
    void aPathOf107BytesFitsAndOf108DoesNot() {
        assertThat(SocketLocation.fits(Path.of("/" + "x".repeat(106)))).isTrue();
        assertThat(SocketLocation.fits(Path.of("/" + "x".repeat(107)))).isFalse();
    }

    @Test
    void aLongRootPutsTheSocketUnderXdgRuntimeDirAndThePointerNamesIt() throws Exception {
        Path root = longRoot();
        Path runtime = Files.createDirectory(temp.resolve("run"));
        SocketLocation location = SocketLocation.forServer(root, Map.of("XDG_RUNTIME_DIR", runtime.toString()), 1000);
        assertThat(location.socket().getParent()).isEqualTo(runtime);
        assertThat(location.socket().getFileName().toString()).matches("orchestrator-[0-9a-f]{16}\\.sock");
        try (ControlServer server = ControlServer.start(location, target, "9.9.9")) {
            Path pointer = root.resolve(".orchestrator/socket");
            assertThat(Files.readString(pointer)).isEqualTo(location.socket() + "\n");
            assertThat(ControlServerTest.mode(location.socket())).isEqualTo("rw-------");
            try (ControlClient client = ControlClient.connect(root, "1")) {
                assertThat(client.list()).hasSize(4);
            }
            assertThat(server.clientCount()).isLessThanOrEqualTo(1);
        }
        assertThat(location.socket()).doesNotExist();
        assertThat(root.resolve(".orchestrator/socket")).doesNotExist();
    }

    @Test
    void aLongRootWithoutXdgRuntimeDirUsesAPrivateFolderUnderTmp() throws Exception {
        Path root = longRoot();
        long uid = SocketLocation.currentUid();
        SocketLocation location = SocketLocation.forServer(root, Map.of(), uid);
        assertThat(location.socket().getParent()).isEqualTo(Path.of("/tmp/orchestrator-" + uid));
        boolean existed = Files.exists(location.socket().getParent());
        try (ControlServer server = ControlServer.start(location, target, "9.9.9")) {
            assertThat(ControlServerTest.mode(location.socket().getParent())).isEqualTo("rwx------");
            try (ControlClient client = ControlClient.connect(root, "1")) {
                assertThat(client.list()).hasSize(4);
            }
        } finally {
            if (!existed) {
                Files.deleteIfExists(location.socket().getParent()); // leave /tmp as we found it
            }
        }
        assertThat(location.socket()).doesNotExist();
    }

    @Test
    void theSameRootAlwaysHashesToTheSameSocketAndAnotherRootToAnother() throws IOException {
        Path root = longRoot();
        Path other = Files.createDirectories(root.resolveSibling(root.getFileName() + "2"));
        Map<String, String> env = Map.of("XDG_RUNTIME_DIR", temp.toString());
        assertThat(SocketLocation.forServer(root, env, 1).socket())
                .isEqualTo(SocketLocation.forServer(root, env, 1).socket())
                .isNotEqualTo(SocketLocation.forServer(other, env, 1).socket());
    }

    @Test
    void aStaleSocketIsReportedAsNothingRunningAndReplacedByTheNextServer() throws Exception {
        Path root = Files.createDirectory(temp.resolve("p"));
        Path socket = root.resolve(".orchestrator/orchestrator.sock");
        Files.createDirectories(socket.getParent());
        // A crashed orchestrator leaves its socket file behind: bound, then closed without unlinking.
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();
        assertThatThrownBy(() -> ControlClient.connect(root, "1")).isInstanceOf(ControlException.NotRunning.class)
                .hasMessage("no orchestrator is running for project '" + root + "': the socket " + socket
                        + " is stale (connection refused); start one with 'orchestrator up -d', or 'orchestrator up' "
                        + "in another terminal");
        try (ControlServer server = ControlServer.start(SocketLocation.forServer(root, Map.of(), 1), target, "9.9.9");
                ControlClient client = ControlClient.connect(root, "1")) {
            assertThat(client.list()).hasSize(4);
        }
    }

    @Test
    void aFileThatIsNotASocketIsNeverDeleted() throws IOException {
        Path root = Files.createDirectory(temp.resolve("p"));
        Path socket = root.resolve(".orchestrator/orchestrator.sock");
        Files.createDirectories(socket.getParent());
        Files.writeString(socket, "precious");
        assertThatThrownBy(() -> ControlServer.start(SocketLocation.forServer(root, Map.of(), 1), target, "9.9.9"))
                .isInstanceOf(IOException.class)
                .hasMessage("control socket path '" + socket + "' holds a file that is not a socket; move it away and "
                        + "start again");
        assertThat(socket).hasContent("precious");
    }

    @Test
    void aStalePointerFromAnEarlierLongPathRunIsRemovedWhenTheSocketIsInTheStateFolder() throws Exception {
        Path root = Files.createDirectory(temp.resolve("p"));
        Files.createDirectories(root.resolve(".orchestrator"));
        Files.writeString(root.resolve(".orchestrator/socket"), "/tmp/nowhere.sock\n");
        try (ControlServer server = ControlServer.start(SocketLocation.forServer(root, Map.of(), 1), target, "9.9.9");
                ControlClient client = ControlClient.connect(root, "1")) {
            assertThat(root.resolve(".orchestrator/socket")).doesNotExist();
            assertThat(client.list()).hasSize(4);
        }
    }
}
