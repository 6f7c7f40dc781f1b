package dev.orchestrator.testing;

import dev.orchestrator.process.ProcFs;
import dev.orchestrator.process.ProcStat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** One test's process bookkeeping: its run marker and the pids it started, checked for leaks after the test. */
public final class TestProcesses {
    private final String runId;
    private final List<ProcStat> tracked = new CopyOnWriteArrayList<>();

    TestProcesses(String runId) {
        this.runId = runId;
    }

    /** The value of {@code ORCHESTRATOR_RUN} for this test; give it to the Supervisor as its run id. */
    public String runId() {
        return runId;
    }

    /** A minimal child environment: PATH, HOME, and this test's {@code ORCHESTRATOR_RUN} marker. */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", System.getProperty("java.io.tmpdir"));
        env.put("ORCHESTRATOR_RUN", runId);
        return env;
    }

    /** Records a pid (with its start time, so a reused pid is not blamed) to check after the test. */
    public long track(long pid) {
        ProcFs.stat(pid).ifPresent(tracked::add);
        return pid;
    }

    public Process track(Process process) {
        track(process.pid());
        return process;
    }

    List<ProcStat> tracked() {
        return tracked;
    }
}
