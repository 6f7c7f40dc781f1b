package dev.orchestrator.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts a child in its own session, so the child's pid is its process group id and a signal to the group reaches
 * everything it forks. Where glibc and the kernel allow (decided once, see {@link NativeSpawn}) that is one
 * {@code posix_spawn} with {@code POSIX_SPAWN_SETSID}, reaped by the one {@link ChildReaper} thread; elsewhere a
 * {@link ProcessBuilder} runs {@code /usr/bin/setsid}, which execs in place, and the JDK reaps it (one thread per
 * child, and an exit status that cannot tell {@code exit(137)} from SIGKILL).
 *
 * <p>stdout and stderr go to pipes we create ourselves: the JDK's own pipe streams are drained and closed when the
 * direct child exits (losing what grandchildren still write). The caller gets the raw read ends, so a reader may poll
 * them. stdin is {@code /dev/null}.
 */
public final class ProcessLauncher {
    static final String SETSID = "/usr/bin/setsid";

    private static final AtomicBoolean PREPARED = new AtomicBoolean();

    private ProcessLauncher() {
    }

    /**
     * Binds the native spawn path and starts the reaper thread in the background, so the first spawn does not pay for
     * it (~40 ms of CPU on these machines). For a process that is about to start children; idempotent. A platform
     * thread: a virtual thread that spawns meanwhile waits for these class initialisers pinned to its carrier, and the
     * initialising thread must not need a carrier itself.
     */
    public static void prepare() {
        if (PREPARED.getAndSet(true)) {
            return; // up calls it before planning, the Supervisor again when it is built
        }
        Thread.ofPlatform().name("orchestrator-spawn-prepare").daemon(true).start(() -> {
            if (NativeSpawn.AVAILABLE) {
                ChildReaper.start();
            }
        });
    }

    public static SpawnedProcess spawn(SpawnRequest request) throws ProcessLaunchException {
        return NativeSpawn.AVAILABLE ? spawnNative(request) : spawnWithJdk(request);
    }

    /** Through {@code posix_spawn}; package-private so tests can run it next to {@link #spawnWithJdk}. */
    static SpawnedProcess spawnNative(SpawnRequest request) throws ProcessLaunchException {
        String program = precheck(request).toString();
        String cwd = request.cwd().toAbsolutePath().toString();
        return withPipes(request, (out, err) -> {
            int pid;
            try {
                pid = spawnLikeExecvp(program, request, cwd, out, err);
            } catch (NativeSpawn.SpawnFailure e) {
                // glibc reports the child's chdir and exec errors alike: a cwd removed since the precheck is the chdir.
                throw failure(request, Files.isDirectory(request.cwd()) ? "exec '" + program + "' failed: "
                        + e.getMessage() : "working directory does not exist", e);
            }
            CompletableFuture<ExitStatus> exit;
            try {
                exit = ChildReaper.watch(pid);
            } catch (RuntimeException e) {
                Posix.kill(pid, Signal.SIGKILL.number()); // untracked, it would run unseen: end and reap it here
                ChildReaper.reapNow(pid);
                throw failure(request, e.getMessage(), e);
            }
            return started(pid, exit);
        });
    }

    /**
     * Like {@code execvp}, which {@code setsid} used: a file the kernel will not exec (ENOEXEC: an executable script
     * without a {@code #!} line) is run by {@code /bin/sh}, with the file as its script.
     */
    private static int spawnLikeExecvp(String program, SpawnRequest request, String cwd, int out, int err)
            throws NativeSpawn.SpawnFailure {
        try {
            return NativeSpawn.spawn(program, request.argv(), request.env(), cwd, out, err);
        } catch (NativeSpawn.SpawnFailure e) {
            if (e.errno != NativeSpawn.ENOEXEC) {
                throw e;
            }
            List<String> viaShell = new ArrayList<>(request.argv().size() + 1);
            viaShell.add("/bin/sh");
            viaShell.add(program);
            viaShell.addAll(request.argv().subList(1, request.argv().size()));
            return NativeSpawn.spawn("/bin/sh", viaShell, request.env(), cwd, out, err);
        }
    }

    /** Through {@link ProcessBuilder} and {@code /usr/bin/setsid}. */
    static SpawnedProcess spawnWithJdk(SpawnRequest request) throws ProcessLaunchException {
        precheck(request);
        List<String> argv = new ArrayList<>(request.argv().size() + 2);
        argv.add(SETSID);
        argv.add("--");
        argv.addAll(request.argv());
        return withPipes(request, (out, err) -> {
            ProcessBuilder pb = new ProcessBuilder(argv).directory(request.cwd().toFile());
            pb.environment().clear();
            pb.environment().putAll(request.env());
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.redirectOutput(ProcessBuilder.Redirect.to(fdFile(out)));
            pb.redirectError(ProcessBuilder.Redirect.to(fdFile(err)));
            Process process;
            try {
                process = pb.start();
            } catch (IOException e) {
                throw failure(request, e.getMessage() == null ? e.toString() : e.getMessage(), e);
            }
            return started(Math.toIntExact(process.pid()),
                    process.onExit().thenApply(p -> ExitStatus.fromJdk(p.exitValue(), Instant.now())));
        });
    }

    private interface Starter {
        /** Starts the child with stdout on {@code out} and stderr on {@code err}, the pipes' write ends. */
        SpawnedProcess start(int out, int err) throws ProcessLaunchException;
    }

    /**
     * Creates the two pipes and runs {@code starter}; the write ends are closed afterwards (the child holds its own
     * copies), the read ends go to the caller, or are closed when nothing started.
     */
    private static SpawnedProcess withPipes(SpawnRequest request, Starter starter) throws ProcessLaunchException {
        int[] out = Posix.pipe();
        int[] err;
        try {
            err = Posix.pipe();
        } catch (RuntimeException e) {
            Posix.close(out[0]);
            Posix.close(out[1]);
            throw e;
        }
        boolean started = false;
        try {
            SpawnedProcess child = starter.start(out[1], err[1]);
            started = true;
            return new SpawnedProcess(child.pid(), child.startTicks(), out[0], err[0], child.exit());
        } catch (RuntimeException e) {
            throw failure(request, e.getMessage() == null ? e.toString() : e.getMessage(), e);
        } finally {
            Posix.close(out[1]);
            Posix.close(err[1]);
            if (!started) {
                Posix.close(out[0]);
                Posix.close(err[0]);
            }
        }
    }

    private static SpawnedProcess started(int pid, CompletableFuture<ExitStatus> exit) {
        long ticks = ProcFs.stat(pid).map(ProcStat::startTicks).orElse(-1L);
        return new SpawnedProcess(pid, ticks, -1, -1, exit);
    }

    /**
     * The checks that give a clear message where exec through setsid would only exit 127 later; returns the program's
     * absolute path, looked up on the child's PATH (not ours, which {@code posix_spawnp} would use).
     */
    static Path precheck(SpawnRequest request) throws ProcessLaunchException {
        if (!Files.isDirectory(request.cwd())) {
            throw failure(request, "working directory does not exist", null);
        }
        String program = request.argv().getFirst();
        if (program.contains("/")) {
            Path path = request.cwd().resolve(program);
            if (!Files.exists(path)) {
                throw failure(request, "program '" + program + "' does not exist", null);
            }
            if (Files.isDirectory(path) || !Files.isExecutable(path)) {
                throw failure(request, "program '" + program + "' is not an executable file", null);
            }
            return path.toAbsolutePath().normalize();
        }
        String pathVar = request.env().getOrDefault("PATH", "/bin:/usr/bin");
        for (String dir : pathVar.split(":")) {
            Path candidate = request.cwd().resolve(dir.isEmpty() ? "." : dir).resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw failure(request, "program '" + program + "' not found on PATH (" + pathVar + ")", null);
    }

    private static ProcessLaunchException failure(SpawnRequest request, String cause, Throwable t) {
        return new ProcessLaunchException(
                "cannot start " + request.argv() + " in " + request.cwd() + ": " + cause, t);
    }

    private static File fdFile(int fd) {
        return new File("/proc/self/fd/" + fd);
    }

}
