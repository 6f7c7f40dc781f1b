package dev.orchestrator.process;

import java.util.concurrent.CompletableFuture;

/**
 * A child running in its own session, so {@code pid == pgid}. The two file descriptors are the read ends of its stdout
 * and stderr pipes (close-on-exec); they reach end-of-file only when every process holding the write end (the child and
 * whatever it forked) has closed it, which the JDK's own process streams do not wait for. A reader owns the fd
 * it takes; {@link Posix#close(int)} one that nobody reads.
 *
 * @param pid        process id, also the process group id
 * @param startTicks {@code /proc} start time, or -1 if the child was already gone when we looked
 * @param stdoutFd   read end of the stdout pipe, owned by the caller
 * @param stderrFd   read end of the stderr pipe, owned by the caller
 * @param exit       completes once the child has been reaped, with how it ended; on the reaper thread, so
 *                   continuations must not block (use the async variants)
 */
public record SpawnedProcess(int pid, long startTicks, int stdoutFd, int stderrFd, CompletableFuture<ExitStatus> exit) {

    /** A view of the exit future: completing it does not pretend the child is gone. */
    @Override
    public CompletableFuture<ExitStatus> exit() {
        return exit.copy();
    }

    public int pgid() {
        return pid;
    }
}
