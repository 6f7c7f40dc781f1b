package dev.orchestrator.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;

/** The file-system side: private folder, stale socket, bind, chmod, pointer file; and removing them again. */
final class SocketFiles {

    private SocketFiles() {
    }

    static ServerSocketChannel bind(SocketLocation location) throws IOException {
        Path socket = location.socket();
        privateFolder(socket.getParent(), location);
        removeStale(socket);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            writePointer(location);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(socket);
            throw e;
        }
    }

    /**
     * The socket's folder must be writable by its owner only: the state folder is made so, a folder of ours under
     * /tmp is created so and must still be so (anyone can create /tmp/orchestrator-1000 first), and
     * {@code $XDG_RUNTIME_DIR} is private by definition.
     */
    private static void privateFolder(Path dir, SocketLocation location) throws IOException {
        Path stateDir = location.root().resolve(SocketLocation.STATE_DIR);
        boolean ours = dir.equals(stateDir) || dir.equals(SocketLocation.tmpFolder(SocketLocation.currentUid()));
        if (!ours) {
            return;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir);
            Files.setPosixFilePermissions(dir, SocketLocation.OWNER_ONLY_DIR);
            return;
        }
        if (dir.equals(stateDir)) {
            Files.setPosixFilePermissions(dir, SocketLocation.OWNER_ONLY_DIR);
            return;
        }
        Map<String, Object> attrs = Files.readAttributes(dir, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
        long uid = ((Number) attrs.get("uid")).longValue();
        int mode = (Integer) attrs.get("mode") & 0777;
        if (uid != SocketLocation.currentUid() || mode != 0700) {
            throw new IOException("socket folder '" + dir + "' is not private: owner uid " + uid + ", mode "
                    + Integer.toOctalString(mode) + "; remove it (it only holds orchestrator sockets) and start again");
        }
    }

    private static void removeStale(Path socket) throws IOException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        var attrs = Files.readAttributes(socket, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isOther()) {
            throw new IOException("control socket path '" + socket + "' holds a file that is not a socket; "
                    + "move it away and start again");
        }
        Files.delete(socket);
    }

    private static void writePointer(SocketLocation location) throws IOException {
        Path statePointer = location.root().resolve(SocketLocation.STATE_DIR).resolve(SocketLocation.POINTER_NAME);
        if (location.pointer().isEmpty()) {
            Files.deleteIfExists(statePointer);
            return;
        }
        Path pointer = location.pointer().get();
        Files.createDirectories(pointer.getParent());
        Path temp = pointer.resolveSibling(SocketLocation.POINTER_NAME + ".tmp");
        Files.writeString(temp, location.socket() + "\n");
        Files.move(temp, pointer, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    static Object key(Path socket) throws IOException {
        return Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    /** Removes the socket only while it is still the one we bound (same inode), and the pointer to it. */
    static void remove(SocketLocation location, Object key) {
        try {
            Path socket = location.socket();
            if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS)
                    && Objects.equals(key, key(socket))) {
                Files.delete(socket);
                if (location.pointer().isPresent()) {
                    Files.deleteIfExists(location.pointer().get());
                }
            }
        } catch (IOException ignored) {
            // a socket file left behind is stale and replaced by the next start
        }
    }
}
