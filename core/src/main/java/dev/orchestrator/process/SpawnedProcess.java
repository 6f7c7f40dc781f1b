package dev.orchestrator.process;

import java.nio.channels.FileChannel;

/**
 * A child running in its own session, so {@code pid == pgid}. The two channels are the read ends of its stdout and
 * stderr pipes; they reach end-of-file only when every process holding the write end (the child and whatever it
 * forked) has closed it, which the JDK's own process streams do not wait for.
 *
 * @param process    the JDK handle, for {@link Process#onExit()} and the exit value
 * @param pid        process id, also the process group id
 * @param startTicks {@code /proc} start time, or -1 if the child was already gone when we looked
 * @param stdout     read end of the stdout pipe, owned by the caller
 * @param stderr     read end of the stderr pipe, owned by the caller
 */
public record SpawnedProcess(Process process, int pid, long startTicks, FileChannel stdout, FileChannel stderr) {

    public int pgid() {
        return pid;
    }
}
