package dev.orchestrator.process;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * glibc's {@code posix_spawn(3)} through {@link Libc}: one exec per child (no jspawnhelper, no /usr/bin/setsid), and
 * the child starts clean: a session of its own ({@code POSIX_SPAWN_SETSID}, so pid == pgid == sid), no blocked signal
 * and every signal at its default disposition (the JVM ignores SIGPIPE and blocks others), stdin on /dev/null, the
 * pipes on 1 and 2, and no other descriptor ({@code addclosefrom_np(3)}). glibc runs the child on a vfork-like clone
 * and reports a failed chdir or exec as the call's result, after reaping that child itself.
 *
 * <p>{@link #AVAILABLE} is decided once: glibc 2.34 or newer (the {@code _np} file actions) on Linux 5.3 or newer
 * ({@code pidfd_open}); elsewhere {@link ProcessLauncher} falls back to {@link ProcessBuilder}. Setting the system
 * property {@code orchestrator.spawn=jdk} forces that fallback.
 */
@SuppressWarnings("restricted")
final class NativeSpawn {
    private static final int POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final int POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final int POSIX_SPAWN_SETSID = 0x80;
    private static final int O_RDONLY = 0;
    static final int ENOEXEC = 8;
    /** Larger than glibc's posix_spawnattr_t (336 bytes), posix_spawn_file_actions_t (80) and sigset_t (128). */
    private static final long OPAQUE_BYTES = 512;

    private static final Binding B = "jdk".equals(System.getProperty("orchestrator.spawn")) ? null : bind();
    /** The same for every child, so built once and shared: posix_spawn only reads it. */
    private static final MemorySegment ATTR = B == null ? null : attributes();
    /** Whether children are spawned here; false means {@link ProcessBuilder}. */
    static final boolean AVAILABLE = B != null;

    private NativeSpawn() {
    }

    /** The libc functions, or null when one is missing or pidfds do not work. */
    private record Binding(Libc.Function spawn, Libc.Function attrInit, Libc.Function attrSetFlags,
            Libc.Function attrSetSigMask, Libc.Function attrSetSigDefault, Libc.Function actionsInit,
            Libc.Function actionsDestroy, Libc.Function addOpen, Libc.Function addDup2, Libc.Function addChdir,
            Libc.Function addCloseFrom, Libc.Function sigEmptySet) {
    }

    private static Binding bind() {
        try {
            if (!ChildReaper.supported()) {
                return null;
            }
            return new Binding(Libc.function("posix_spawn"), Libc.function("posix_spawnattr_init"),
                    Libc.function("posix_spawnattr_setflags"), Libc.function("posix_spawnattr_setsigmask"),
                    Libc.function("posix_spawnattr_setsigdefault"), Libc.function("posix_spawn_file_actions_init"),
                    Libc.function("posix_spawn_file_actions_destroy"),
                    Libc.function("posix_spawn_file_actions_addopen"),
                    Libc.function("posix_spawn_file_actions_adddup2"),
                    Libc.function("posix_spawn_file_actions_addchdir_np"),
                    Libc.function("posix_spawn_file_actions_addclosefrom_np"), Libc.function("sigemptyset"));
        } catch (RuntimeException | LinkageError e) {
            return null; // not glibc 2.34+, or no FFM access: the ProcessBuilder path
        }
    }

    /**
     * Spawns {@code program} (a path already resolved on the child's PATH) with {@code argv}, {@code env} and
     * {@code cwd}, stdout and stderr on the given pipe write ends. Returns the pid.
     *
     * @throws SpawnFailure with the errno text when the chdir or exec failed (no child is left behind)
     */
    static int spawn(String program, List<String> argv, Map<String, String> env, String cwd, int stdoutFd,
            int stderrFd) throws SpawnFailure {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.CAPTURE);
            MemorySegment actions = arena.allocate(OPAQUE_BYTES, 16);
            check("posix_spawn_file_actions_init", B.actionsInit.call(state, actions.address()));
            try {
                fileActions(arena, state, actions, cwd, stdoutFd, stderrFd);
                MemorySegment pid = arena.allocate(ValueLayout.JAVA_INT);
                int rc = Libc.toInt(B.spawn.call(state, pid.address(), cString(arena, program).address(),
                        actions.address(), ATTR.address(), strings(arena, argv).address(),
                        strings(arena, environment(env)).address()));
                if (rc != 0) {
                    throw new SpawnFailure(rc, describe(rc));
                }
                return pid.get(ValueLayout.JAVA_INT, 0);
            } finally {
                B.actionsDestroy.call(state, actions.address());
            }
        }
    }

    /** A session of its own, no signal blocked, every signal at its default disposition. */
    private static MemorySegment attributes() {
        MemorySegment attr = Arena.global().allocate(OPAQUE_BYTES, 16);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.CAPTURE);
            MemorySegment sigset = arena.allocate(OPAQUE_BYTES, 16);
            check("posix_spawnattr_init", B.attrInit.call(state, attr.address()));
            check("posix_spawnattr_setflags", B.attrSetFlags.call(state, attr.address(),
                    POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF));
            check("sigemptyset", B.sigEmptySet.call(state, sigset.address()));
            check("posix_spawnattr_setsigmask", B.attrSetSigMask.call(state, attr.address(), sigset.address()));
            // Every signal, glibc's two internal ones (32, 33) included, which sigfillset leaves out: otherwise glibc
            // sets them to SIG_IGN in the child (its handlers cannot run there) and exec keeps them ignored, as it
            // does for every child the JDK starts. The child blocks all signals until its exec, so SIG_DFL is safe.
            sigset.fill((byte) 0xff);
            check("posix_spawnattr_setsigdefault",
                    B.attrSetSigDefault.call(state, attr.address(), sigset.address()));
            return attr;
        }
    }

    /** stdin from /dev/null, the pipes on 1 and 2, the cwd, and nothing else open. */
    private static void fileActions(Arena arena, MemorySegment state, MemorySegment actions, String cwd, int stdoutFd,
            int stderrFd) {
        long a = actions.address();
        check("posix_spawn_file_actions_addopen",
                B.addOpen.call(state, a, 0, cString(arena, "/dev/null").address(), O_RDONLY, 0));
        check("posix_spawn_file_actions_adddup2", B.addDup2.call(state, a, stdoutFd, 1));
        check("posix_spawn_file_actions_adddup2", B.addDup2.call(state, a, stderrFd, 2));
        check("posix_spawn_file_actions_addchdir_np", B.addChdir.call(state, a, cString(arena, cwd).address()));
        check("posix_spawn_file_actions_addclosefrom_np", B.addCloseFrom.call(state, a, 3));
    }

    /** {@code NAME=value} for each variable. */
    private static List<String> environment(Map<String, String> env) {
        List<String> entries = new ArrayList<>(env.size());
        env.forEach((name, value) -> entries.add(name + "=" + value));
        return entries;
    }

    /** {@code value} as a NUL-terminated UTF-8 string in {@code arena} (as {@code allocateFrom}, minus its encoder). */
    private static MemorySegment cString(Arena arena, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        MemorySegment text = arena.allocate(bytes.length + 1L);
        MemorySegment.copy(bytes, 0, text, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return text;
    }

    /**
     * A NULL-terminated {@code char *[]} of the strings (UTF-8, NUL-terminated), in {@code arena}: the pointers and the
     * text in one block, filled from two Java arrays by two bulk copies. A segment allocation and a pointer store per
     * string ran interpreted at every spawn, a few microseconds each, for every variable of the environment: a fifth
     * of the CPU the daemon spent spawning its first children.
     */
    static MemorySegment strings(Arena arena, List<String> values) {
        int count = values.size();
        byte[][] encoded = new byte[count][];
        int textBytes = 0;
        for (int i = 0; i < count; i++) {
            encoded[i] = values.get(i).getBytes(StandardCharsets.UTF_8);
            textBytes += encoded[i].length + 1;
        }
        long pointerBytes = (count + 1L) * Long.BYTES; // Libc's one call shape already takes 64-bit pointers
        MemorySegment block = arena.allocate(pointerBytes + textBytes, Long.BYTES);
        long[] pointers = new long[count + 1]; // the last stays 0: NULL
        byte[] text = new byte[textBytes]; // each string's NUL is the 0 after its bytes
        int at = 0;
        for (int i = 0; i < count; i++) {
            pointers[i] = block.address() + pointerBytes + at;
            System.arraycopy(encoded[i], 0, text, at, encoded[i].length);
            at += encoded[i].length + 1;
        }
        MemorySegment.copy(pointers, 0, block, ValueLayout.JAVA_LONG, 0, pointers.length);
        MemorySegment.copy(text, 0, block, ValueLayout.JAVA_BYTE, pointerBytes, textBytes);
        return block;
    }

    /** The posix_spawn family returns an error number (0 for success) rather than setting errno. */
    private static void check(String call, long result) {
        int rc = Libc.toInt(result);
        if (rc != 0) {
            throw new IllegalStateException(call + " failed: " + describe(rc));
        }
    }

    /** "No such file or directory (errno 2)". */
    static String describe(int errno) {
        try (Arena arena = Arena.ofConfined()) {
            long text = Libc.function("strerror").call(arena.allocate(Libc.CAPTURE), errno);
            return MemorySegment.ofAddress(text).reinterpret(256).getString(0) + " (errno " + errno + ")";
        } catch (RuntimeException e) {
            return "errno " + errno;
        }
    }

    /** posix_spawn failed in the child: its chdir or exec; the message is the errno's text. */
    static final class SpawnFailure extends Exception {
        final int errno;

        SpawnFailure(int errno, String message) {
            super(message);
            this.errno = errno;
        }
    }
}
