package dev.orchestrator.health;

import dev.orchestrator.process.ExitStatus;
import dev.orchestrator.process.GroupStopper;
import dev.orchestrator.process.Posix;
import dev.orchestrator.process.ProcessLaunchException;
import dev.orchestrator.process.ProcessLauncher;
import dev.orchestrator.process.SpawnRequest;
import dev.orchestrator.process.SpawnedProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code exec: <command>}: a {@code /bin/sh -c} command that exits 0, run like the app (its cwd, its environment, its
 * run marker) in a process group of its own, which is SIGKILLed at the timeout. Its output is discarded: the shell
 * sends it to /dev/null before anything runs, so nobody has to read a pipe.
 */
final class ExecCheck implements Check {

    private final String command;
    private final Path cwd;
    private final Map<String, String> env;

    /** @param runId this run's marker, so a probe command is found and stopped like any child of ours */
    ExecCheck(String command, LiveProcess p, String runId) {
        this.command = command;
        this.cwd = p.spec().cwd();
        Map<String, String> e = new HashMap<>(p.spec().env());
        e.put("NODE_APP_INSTANCE", Integer.toString(p.instance()));
        e.put("ORCHESTRATOR_RUN", runId);
        this.env = e;
    }

    @Override
    public Outcome run(Duration timeout) {
        SpawnedProcess child;
        try {
            child = ProcessLauncher.spawn(new SpawnRequest(
                    List.of("/bin/sh", "-c", "exec </dev/null >/dev/null 2>&1\n" + command), cwd, env));
        } catch (ProcessLaunchException | RuntimeException e) {
            return Outcome.fail("exec '" + command + "' could not start: " + Check.describe(e));
        }
        Posix.close(child.stdoutFd());
        Posix.close(child.stderrFd());
        try {
            ExitStatus exit = child.exit().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return Integer.valueOf(0).equals(exit.code()) ? Outcome.pass("exec '" + command + "' exited 0")
                    : Outcome.fail("exec '" + command + "' " + exit.describe());
        } catch (TimeoutException e) {
            // Still running (not reaped), so the group id is still ours: kill it all, then wait for the reaper.
            GroupStopper.killNow(child.pid(), child.pid());
            child.exit().completeOnTimeout(null, 5, TimeUnit.SECONDS).exceptionally(t -> null).join();
            return Outcome.fail("exec '" + command + "' timed out after " + Texts.duration(timeout));
        } catch (ExecutionException e) {
            return Outcome.fail("exec '" + command + "' failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            GroupStopper.killNow(child.pid(), child.pid());
            Thread.currentThread().interrupt();
            return Outcome.fail("exec '" + command + "' was interrupted");
        }
    }
}
