package dev.orchestrator.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a project's control socket lives (CONTRACTS): {@code <root>/.orchestrator/orchestrator.sock}, unless that path
 * does not fit the 108-byte {@code sun_path} (107 bytes and the terminating NUL); then
 * {@code $XDG_RUNTIME_DIR/orchestrator-<hash>.sock}, else {@code /tmp/orchestrator-<uid>/orchestrator-<hash>.sock},
 * with the hash taken from the root's path, and {@code .orchestrator/socket} holding the path so clients with another
 * environment find it too.
 *
 * @param root    the project root (absolute)
 * @param socket  where the socket is bound
 * @param pointer the file that names {@code socket}, present only when the socket is not in the state folder
 */
public record SocketLocation(Path root, Path socket, Optional<Path> pointer) {

    public static final String STATE_DIR = ".orchestrator";
    public static final String SOCKET_NAME = "orchestrator.sock";
    public static final String POINTER_NAME = "socket";
    /** {@code sizeof(sun_path)} on Linux, including the terminating NUL. */
    public static final int SUN_PATH_BYTES = 108;

    static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    /** Where a server for {@code root} binds, given the environment ({@code XDG_RUNTIME_DIR}) and the user id. */
    public static SocketLocation forServer(Path root, Map<String, String> env, long uid) {
        Path absolute = root.toAbsolutePath().normalize();
        Path inState = absolute.resolve(STATE_DIR).resolve(SOCKET_NAME);
        if (fits(inState)) {
            return new SocketLocation(absolute, inState, Optional.empty());
        }
        String name = "orchestrator-" + hash(absolute) + ".sock";
        Path runtime = Optional.ofNullable(env.get("XDG_RUNTIME_DIR")).filter(s -> !s.isBlank()).map(Path::of)
                .filter(Path::isAbsolute).filter(Files::isDirectory).map(dir -> dir.resolve(name))
                .filter(SocketLocation::fits)
                .orElse(tmpFolder(uid).resolve(name));
        return new SocketLocation(absolute, runtime, Optional.of(absolute.resolve(STATE_DIR).resolve(POINTER_NAME)));
    }

    /**
     * Where a client finds the server of {@code root}: the path in {@code .orchestrator/socket} when that file exists,
     * else the socket in the state folder.
     */
    public static SocketLocation forClient(Path root) throws IOException {
        Path absolute = root.toAbsolutePath().normalize();
        Path pointer = absolute.resolve(STATE_DIR).resolve(POINTER_NAME);
        if (Files.isRegularFile(pointer)) {
            String target = Files.readString(pointer, StandardCharsets.UTF_8).strip();
            return new SocketLocation(absolute, Path.of(target), Optional.of(pointer));
        }
        return new SocketLocation(absolute, absolute.resolve(STATE_DIR).resolve(SOCKET_NAME), Optional.empty());
    }

    /** The fallback folder when there is no usable {@code $XDG_RUNTIME_DIR}: {@code /tmp/orchestrator-<uid>}. */
    public static Path tmpFolder(long uid) {
        return Path.of("/tmp", "orchestrator-" + uid);
    }

    /** Whether {@code path} fits {@code sun_path} with its NUL. */
    public static boolean fits(Path path) {
        return path.toString().getBytes(StandardCharsets.UTF_8).length < SUN_PATH_BYTES;
    }

    /** The current user's id, from {@code /proc/self} (no native call needed). */
    public static long currentUid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid", LinkOption.NOFOLLOW_LINKS))
                    .longValue();
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot read the user id from /proc/self: " + e.getMessage(), e);
        }
    }

    private static String hash(Path root) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(root.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
