package dev.orchestrator.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a child in its own session through {@code /usr/bin/setsid}, which execs in place (the JDK's child is not a
 * group leader), so the child's pid is its process group id and a signal to the group reaches everything it forks.
 *
 * <p>stdout and stderr go to pipes we create ourselves and hand to the JDK as {@code /proc/self/fd/N} files: the JDK's
 * own pipe streams are drained and closed when the direct child exits (losing what grandchildren still write) and that
 * drain blocks the JDK's reaper thread while a reader is blocked on the stream. The caller gets the raw read ends, so a
 * reader may poll them. stdin is {@code /dev/null}.
 */
public final class ProcessLauncher {
    static final String SETSID = "/usr/bin/setsid";

    private ProcessLauncher() {
    }

    public static SpawnedProcess spawn(SpawnRequest request) throws ProcessLaunchException {
        precheck(request);
        List<String> argv = new ArrayList<>(request.argv().size() + 2);
        argv.add(SETSID);
        argv.add("--");
        argv.addAll(request.argv());
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
            ProcessBuilder pb = new ProcessBuilder(argv).directory(request.cwd().toFile());
            pb.environment().clear();
            pb.environment().putAll(request.env());
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.redirectOutput(ProcessBuilder.Redirect.to(fdFile(out[1])));
            pb.redirectError(ProcessBuilder.Redirect.to(fdFile(err[1])));
            Process process = pb.start();
            started = true;
            int pid = Math.toIntExact(process.pid());
            long ticks = ProcFs.stat(pid).map(ProcStat::startTicks).orElse(-1L);
            return new SpawnedProcess(process, pid, ticks, out[0], err[0]);
        } catch (IOException | RuntimeException e) {
            throw failure(request, e.getMessage() == null ? e.toString() : e.getMessage(), e);
        } finally {
            // The child holds its write ends now; the read ends go to the caller, or are closed if nothing started.
            Posix.close(out[1]);
            Posix.close(err[1]);
            if (!started) {
                Posix.close(out[0]);
                Posix.close(err[0]);
            }
        }
    }

    /** The checks that give a clear message where exec through setsid would only exit 127 later. */
    private static void precheck(SpawnRequest request) throws ProcessLaunchException {
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
            return;
        }
        String pathVar = request.env().getOrDefault("PATH", "/bin:/usr/bin");
        for (String dir : pathVar.split(":")) {
            Path candidate = request.cwd().resolve(dir.isEmpty() ? "." : dir).resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return;
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
