package dev.orchestrator.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.testing.Children;
import dev.orchestrator.testing.NoLeakedProcesses;
import dev.orchestrator.testing.TestProcesses;
import dev.orchestrator.testing.children.Sleeper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@NoLeakedProcesses
class ProcessLauncherTest {
    @TempDir
    Path dir;

    @Test
    void startsTheChildInItsOwnSessionSoItsPidIsItsProcessGroup(TestProcesses procs) throws Exception {
        SpawnedProcess child = ProcessLauncher.spawn(new SpawnRequest(Children.java(Sleeper.class), dir, procs.env()));
        procs.track(child.pid());
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> ProcFs.stat(child.pid())
                    .filter(s -> s.pgrp() == child.pid()).isPresent());
            ProcStat stat = ProcFs.stat(child.pid()).orElseThrow();
            assertThat(stat.pgrp()).isEqualTo(child.pid());
            assertThat(stat.session()).isEqualTo(child.pid());
            assertThat(stat.comm()).isEqualTo("java");
        } finally {
            Posix.kill(child.pid(), Signal.SIGKILL.number());
            child.exit().get();
            close(child);
        }
    }

    @Test
    void replacesTheWholeEnvironmentWithTheGivenMap(TestProcesses procs) throws Exception {
        Map<String, String> env = Map.of("ONLY", "this", "ORCHESTRATOR_RUN", procs.runId(), "EMPTY", "",
                "PATH", "/usr/bin:/bin");
        SpawnedProcess child = ProcessLauncher.spawn(new SpawnRequest(List.of("env"), dir, env));
        String out = readAll(channel(child.stdoutFd()));
        child.exit().get();
        close(child);
        Map<String, String> seen = out.lines().map(l -> l.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1], (a, b) -> b, TreeMap::new));
        assertThat(seen).isEqualTo(new TreeMap<>(env));
    }

    @Test
    void runsInTheGivenDirectoryWithStdinAtEndOfFile(TestProcesses procs) throws Exception {
        SpawnedProcess child = ProcessLauncher.spawn(
                new SpawnRequest(List.of("/bin/sh", "-c", "pwd; cat; echo done"), dir, procs.env()));
        assertThat(readAll(channel(child.stdoutFd()))).isEqualTo(dir.toRealPath() + "\ndone\n");
        assertThat(child.exit().get().code()).isZero();
        close(child);
    }

    @Test
    void keepsTheOutputPipeOpenWhileAGrandchildStillWritesAfterTheChildExited(TestProcesses procs) throws Exception {
        SpawnedProcess child = ProcessLauncher.spawn(new SpawnRequest(
                List.of("/bin/sh", "-c", "(sleep 0.3; echo late) & echo early"), dir, procs.env()));
        assertThat(child.exit().get().code()).isZero();
        assertThat(readAll(channel(child.stdoutFd()))).isEqualTo("early\nlate\n");
        close(child);
    }

    @Test
    void namesArgvCwdAndCauseWhenTheProgramIsNotOnThePath() {
        SpawnRequest request = new SpawnRequest(List.of("no-such-program", "-x"), dir, Map.of("PATH", "/usr/bin:/bin"));
        assertThatThrownBy(() -> ProcessLauncher.spawn(request))
                .isInstanceOf(ProcessLaunchException.class)
                .hasMessage("cannot start [no-such-program, -x] in " + dir
                        + ": program 'no-such-program' not found on PATH (/usr/bin:/bin)");
    }

    @Test
    void namesTheMissingWorkingDirectory() {
        Path missing = dir.resolve("gone");
        assertThatThrownBy(() -> ProcessLauncher.spawn(new SpawnRequest(List.of("/bin/true"), missing, Map.of())))
                .hasMessage("cannot start [/bin/true] in " + missing + ": working directory does not exist");
    }

    @Test
    void namesAProgramThatIsNotExecutable() throws IOException {
        Files.writeString(dir.resolve("script.sh"), "echo hi\n");
        assertThatThrownBy(() -> ProcessLauncher.spawn(new SpawnRequest(List.of("./script.sh"), dir, Map.of())))
                .hasMessage("cannot start [./script.sh] in " + dir + ": program './script.sh' is not an executable file");
    }

    /** A blocking channel on a pipe's read end, taking the fd over (the channel opens its own through /proc). */
    static FileChannel channel(int fd) throws IOException {
        try {
            return FileChannel.open(Path.of("/proc/self/fd/" + fd), StandardOpenOption.READ);
        } finally {
            Posix.close(fd);
        }
    }

    static String readAll(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        StringBuilder sb = new StringBuilder();
        while (channel.read(buf) >= 0) {
            buf.flip();
            sb.append(StandardCharsets.UTF_8.decode(buf));
            buf.clear();
        }
        return sb.toString();
    }

    static void close(SpawnedProcess child) throws IOException {
        Posix.close(child.stdoutFd());
        Posix.close(child.stderrFd());
    }
}
