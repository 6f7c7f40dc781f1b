package dev.orchestrator.process;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Map;

/**
 * glibc's {@code posix_spawn(3)} through the FFM API: one exec per child (no jspawnhelper, no /usr/bin/setsid), and
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
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final short POSIX_SPAWN_SETSID = 0x80;
    private static final int O_RDONLY = 0;
    static final int ENOEXEC = 8;
    /** Larger than glibc's posix_spawnattr_t (336 bytes), posix_spawn_file_actions_t (80) and sigset_t (128). */
    private static final long OPAQUE_BYTES = 512;

    private static final FunctionDescriptor PTR_TO_INT =
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS);
    private static final FunctionDescriptor PTR_PTR_TO_INT =
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS);

    private static final Binding B = "jdk".equals(System.getProperty("orchestrator.spawn")) ? null : bind();
    /** The same for every child, so built once and shared: posix_spawn only reads it. */
    private static final MemorySegment ATTR = B == null ? null : attributes();
    /** Whether children are spawned here; false means {@link ProcessBuilder}. */
    static final boolean AVAILABLE = B != null;

    private NativeSpawn() {
    }

    /** The libc handles, or null when a symbol is missing or pidfds do not work. */
    private record Binding(MethodHandle spawn, MethodHandle attrInit,
            MethodHandle attrSetFlags, MethodHandle attrSetSigMask, MethodHandle attrSetSigDefault,
            MethodHandle actionsInit, MethodHandle actionsDestroy, MethodHandle addOpen, MethodHandle addDup2,
            MethodHandle addChdir, MethodHandle addCloseFrom, MethodHandle sigEmptySet) {
    }

    private static Binding bind() {
        try {
            if (!ChildReaper.supported()) {
                return null;
            }
            return new Binding(
                    Posix.downcall("posix_spawn", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                            ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                            ValueLayout.ADDRESS)),
                    Posix.downcall("posix_spawnattr_init", PTR_TO_INT),
                    Posix.downcall("posix_spawnattr_setflags",
                            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_SHORT)),
                    Posix.downcall("posix_spawnattr_setsigmask", PTR_PTR_TO_INT),
                    Posix.downcall("posix_spawnattr_setsigdefault", PTR_PTR_TO_INT),
                    Posix.downcall("posix_spawn_file_actions_init", PTR_TO_INT),
                    Posix.downcall("posix_spawn_file_actions_destroy", PTR_TO_INT),
                    Posix.downcall("posix_spawn_file_actions_addopen", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                            ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT)),
                    Posix.downcall("posix_spawn_file_actions_adddup2", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                            ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)),
                    Posix.downcall("posix_spawn_file_actions_addchdir_np", PTR_PTR_TO_INT),
                    Posix.downcall("posix_spawn_file_actions_addclosefrom_np",
                            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT)),
                    Posix.downcall("sigemptyset", PTR_TO_INT));
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
            MemorySegment state = arena.allocate(Posix.CAPTURE);
            MemorySegment actions = arena.allocate(OPAQUE_BYTES, 16);
            check("posix_spawn_file_actions_init", (int) B.actionsInit.invokeExact(state, actions));
            try {
                fileActions(arena, state, actions, cwd, stdoutFd, stderrFd);
                MemorySegment pid = arena.allocate(ValueLayout.JAVA_INT);
                int rc = (int) B.spawn.invokeExact(state, pid, arena.allocateFrom(program), actions, ATTR,
                        strings(arena, argv), strings(arena, env.entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue()).toList()));
                if (rc != 0) {
                    throw new SpawnFailure(rc, describe(rc));
                }
                return pid.get(ValueLayout.JAVA_INT, 0);
            } finally {
                int ignored = (int) B.actionsDestroy.invokeExact(state, actions);
            }
        } catch (SpawnFailure | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("posix_spawn failed", t);
        }
    }

    /** A session of its own, no signal blocked, every signal at its default disposition. */
    private static MemorySegment attributes() {
        MemorySegment attr = Arena.global().allocate(OPAQUE_BYTES, 16);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Posix.CAPTURE);
            MemorySegment sigset = arena.allocate(OPAQUE_BYTES, 16);
            check("posix_spawnattr_init", (int) B.attrInit.invokeExact(state, attr));
            check("posix_spawnattr_setflags", (int) B.attrSetFlags.invokeExact(state, attr,
                    (short) (POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)));
            check("sigemptyset", (int) B.sigEmptySet.invokeExact(state, sigset));
            check("posix_spawnattr_setsigmask", (int) B.attrSetSigMask.invokeExact(state, attr, sigset));
            // Every signal, glibc's two internal ones (32, 33) included, which sigfillset leaves out: otherwise glibc
            // sets them to SIG_IGN in the child (its handlers cannot run there) and exec keeps them ignored, as it
            // does for every child the JDK starts. The child blocks all signals until its exec, so SIG_DFL is safe.
            sigset.fill((byte) 0xff);
            check("posix_spawnattr_setsigdefault", (int) B.attrSetSigDefault.invokeExact(state, attr, sigset));
            return attr;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("posix_spawnattr setup failed", t);
        }
    }

    /** stdin from /dev/null, the pipes on 1 and 2, the cwd, and nothing else open. */
    private static void fileActions(Arena arena, MemorySegment state, MemorySegment actions, String cwd, int stdoutFd,
            int stderrFd) throws Throwable {
        check("posix_spawn_file_actions_addopen", (int) B.addOpen.invokeExact(state, actions, 0,
                arena.allocateFrom("/dev/null"), O_RDONLY, 0));
        check("posix_spawn_file_actions_adddup2", (int) B.addDup2.invokeExact(state, actions, stdoutFd, 1));
        check("posix_spawn_file_actions_adddup2", (int) B.addDup2.invokeExact(state, actions, stderrFd, 2));
        check("posix_spawn_file_actions_addchdir_np",
                (int) B.addChdir.invokeExact(state, actions, arena.allocateFrom(cwd)));
        check("posix_spawn_file_actions_addclosefrom_np", (int) B.addCloseFrom.invokeExact(state, actions, 3));
    }

    /** A NULL-terminated {@code char *[]} of the strings, in {@code arena}. */
    private static MemorySegment strings(Arena arena, List<String> values) {
        MemorySegment array = arena.allocate(ValueLayout.ADDRESS, values.size() + 1L);
        for (int i = 0; i < values.size(); i++) {
            array.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(values.get(i)));
        }
        array.setAtIndex(ValueLayout.ADDRESS, values.size(), MemorySegment.NULL);
        return array;
    }

    /** The posix_spawn family returns an error number (0 for success) rather than setting errno. */
    private static void check(String call, int rc) {
        if (rc != 0) {
            throw new IllegalStateException(call + " failed: " + describe(rc));
        }
    }

    /** Bound on first use: only failures need it, and every handle bound at start-up costs the first spawn. */
    private static final class StrError {
        static final MethodHandle STRERROR =
                Posix.downcall("strerror", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    }

    /** "No such file or directory (errno 2)". */
    static String describe(int errno) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = (MemorySegment) StrError.STRERROR.invokeExact(arena.allocate(Posix.CAPTURE), errno);
            return text.reinterpret(256).getString(0) + " (errno " + errno + ")";
        } catch (Throwable t) {
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
