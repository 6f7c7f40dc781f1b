package dev.orchestrator.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.testing.Children;
import dev.orchestrator.testing.NoLeakedProcesses;
import dev.orchestrator.testing.TestProcesses;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The posix_spawn path and the one reaper thread, checked on real children through /proc. */
@NoLeakedProcesses
class NativeSpawnTest {
    @TempDir
    Path dir;

    @Test
    void isTheSpawnPathOnThisMachine() {
        assertThat(NativeSpawn.AVAILABLE).isTrue();
    }

    @Test
    void startsAChildThatLeadsItsOwnSessionWithOnlyStdioOpenAndNoSignalBlockedOrIgnored(TestProcesses procs)
            throws Exception {
        SpawnedProcess child = spawn(procs, List.of("sleep", "1000"), dir, procs.env());
        try {
            // posix_spawn returns once the exec has replaced the memory; the kernel sets the name an instant later.
            ProcStat stat = await().atMost(Duration.ofSeconds(5))
                    .until(() -> ProcFs.stat(child.pid()).orElseThrow(), s -> s.comm().equals("sleep"));
            assertThat(List.of(stat.pgrp(), stat.session())).containsExactly(child.pid(), child.pid());
            try (Stream<Path> fds = Files.list(Path.of("/proc/" + child.pid() + "/fd"))) {
                assertThat(fds.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("0", "1", "2");
            }
            assertThat(Files.readSymbolicLink(Path.of("/proc/" + child.pid() + "/fd/0"))).isEqualTo(Path.of("/dev/null"));
            Map<String, String> status = status(child.pid());
            assertThat(status).containsEntry("SigBlk", "0000000000000000").containsEntry("SigIgn", "0000000000000000");
        } finally {
            killAndReap(child);
        }
    }

    @Test
    void runsInExactlyTheRequestedDirectoryAndEnvironment(TestProcesses procs) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("ONLY", "this", "EMPTY", "", "WITH", "a=b c",
                "UNICODE", "h\u00e9llo \u2713 \ud83d\ude00", "ORCHESTRATOR_RUN", procs.runId(),
                "PATH", "/usr/bin:/bin"));
        SpawnedProcess child = spawn(procs, List.of("sleep", "1000"), dir, env);
        try {
            assertThat(Files.readSymbolicLink(Path.of("/proc/" + child.pid() + "/cwd"))).isEqualTo(dir.toRealPath());
            // Empty for the instant between the exec's memory switch (which resumes posix_spawn) and its new stack.
            String environ = await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(
                    Path.of("/proc/" + child.pid() + "/environ"), StandardCharsets.UTF_8), e -> !e.isEmpty());
            Map<String, String> seen = Arrays.stream(environ.split("\0")).map(kv -> kv.split("=", 2))
                    .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1], (a, b) -> b, TreeMap::new));
            assertThat(seen).isEqualTo(new TreeMap<>(env));
        } finally {
            killAndReap(child);
        }
    }

    @Test
    void laysOutANullTerminatedArrayOfUtf8Strings() {
        try (Arena arena = Arena.ofConfined()) {
            List<String> values = List.of("sleep", "", "caf\u00e9", "x".repeat(5000));
            MemorySegment block = NativeSpawn.strings(arena, values).reinterpret(Long.MAX_VALUE);
            List<String> read = new ArrayList<>();
            for (int i = 0; ; i++) {
                long pointer = block.getAtIndex(ValueLayout.JAVA_LONG, i);
                if (pointer == 0) {
                    break;
                }
                read.add(MemorySegment.ofAddress(pointer).reinterpret(Long.MAX_VALUE).getString(0));
            }
            assertThat(read).isEqualTo(values);
            assertThat(NativeSpawn.strings(arena, List.of()).get(ValueLayout.JAVA_LONG, 0)).isZero();
        }
    }

    @Test
    void looksTheProgramUpOnTheChildsPathNotOurs(TestProcesses procs) throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path tool = bin.resolve("only-here");
        Files.writeString(tool, "#!/bin/sh\nexit 7\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = new HashMap<>(procs.env());
        env.put("PATH", "bin:/usr/bin:/bin"); // relative entries are taken from the child's cwd, like execvp does

        SpawnedProcess child = spawn(procs, List.of("only-here"), dir, env);

        assertThat(child.exit().get().describe()).isEqualTo("exited with code 7");
        close(child);
    }

    @Test
    void namesTheErrnoWhenTheKernelCannotExecTheProgram(TestProcesses procs) throws IOException {
        Path script = dir.resolve("bad-interpreter");
        Files.writeString(script, "#!/no/such/interpreter\necho hi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        SpawnRequest request = new SpawnRequest(List.of("./bad-interpreter", "x"), dir, procs.env());

        assertThatThrownBy(() -> ProcessLauncher.spawnNative(request))
                .isInstanceOf(ProcessLaunchException.class)
                .hasMessage("cannot start [./bad-interpreter, x] in " + dir + ": exec '" + script
                        + "' failed: No such file or directory (errno 2)");
        // glibc reaped the child that failed to exec (other tests' JDK children are reaped within moments)
        await().atMost(Duration.ofSeconds(5)).until(() -> zombieChildren().isEmpty());
    }

    @Test
    void runsAnExecutableScriptWithoutAShebangLineWithBinShAsExecvpDoes(TestProcesses procs) throws Exception {
        Path script = dir.resolve("no-shebang");
        Files.writeString(script, "echo \"$0 $1\"; exit 5\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

        SpawnedProcess child = spawn(procs, List.of("./no-shebang", "arg"), dir, procs.env());

        assertThat(ProcessLauncherTest.readAll(ProcessLauncherTest.channel(child.stdoutFd()))).isEqualTo(script + " arg\n");
        assertThat(child.exit().get().describe()).isEqualTo("exited with code 5");
        Posix.close(child.stderrFd());
    }

    @Test
    void namesTheErrnoWhenTheWorkingDirectoryVanishesBeforeTheSpawn() {
        String missing = dir.resolve("gone").toString();
        assertThatThrownBy(() -> NativeSpawn.spawn("/bin/true", List.of("true"), Map.of(), missing, 1, 2))
                .isInstanceOf(NativeSpawn.SpawnFailure.class)
                .hasMessage("No such file or directory (errno 2)");
    }

    @Test
    void tellsExitCode137FromSigkillAndFromAnOrdinaryCode(TestProcesses procs) throws Exception {
        SpawnedProcess three = spawn(procs, Children.sh("exit 3"), dir, procs.env());
        SpawnedProcess oneThirtySeven = spawn(procs, Children.sh("exit 137"), dir, procs.env());
        SpawnedProcess killed = spawn(procs, List.of("sleep", "1000"), dir, procs.env());
        Posix.kill(killed.pid(), Signal.SIGKILL.number());

        assertThat(three.exit().get().describe()).isEqualTo("exited with code 3");
        assertThat(oneThirtySeven.exit().get().describe()).isEqualTo("exited with code 137");
        assertThat(killed.exit().get().describe()).isEqualTo("killed by SIGKILL");
        assertThat(oneThirtySeven.exit().get().shellValue()).isEqualTo(killed.exit().get().shellValue());
        for (SpawnedProcess child : List.of(three, oneThirtySeven, killed)) {
            close(child);
        }
    }

    @Test
    void readsSiginfoAsExitedKilledOrDumpedAndARealTimeSignalAsAShellWould() {
        Instant at = Instant.EPOCH;
        assertThat(ChildReaper.exitStatus(1, 137, at)).isEqualTo(ExitStatus.exited(137, at)); // CLD_EXITED
        assertThat(ChildReaper.exitStatus(2, 9, at)).isEqualTo(ExitStatus.killed(Signal.SIGKILL, at)); // CLD_KILLED
        assertThat(ChildReaper.exitStatus(3, 11, at)).isEqualTo(ExitStatus.killed(Signal.SIGSEGV, at)); // CLD_DUMPED
        assertThat(ChildReaper.exitStatus(2, 34, at)).isEqualTo(ExitStatus.exited(162, at)); // SIGRTMIN
    }

    @Test
    void reapsTwoHundredChildrenWithOneThreadAndLeavesNoZombie(TestProcesses procs) throws Exception {
        List<SpawnedProcess> children = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            children.add(spawn(procs, Children.sh("exit " + (i % 5)), dir, procs.env()));
        }
        CompletableFuture.allOf(children.stream().map(SpawnedProcess::exit).toArray(CompletableFuture[]::new)).get();

        for (int i = 0; i < children.size(); i++) {
            SpawnedProcess child = children.get(i);
            assertThat(child.exit().get().code()).isEqualTo(i % 5);
            assertThat(ProcFs.stat(child.pid()).filter(s -> s.startTicks() == child.startTicks())).isEmpty();
            close(child);
        }
        assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("orchestrator-reaper"))).hasSize(1);
    }

    @Test
    void theProcessBuilderFallbackStillReportsTheExit(TestProcesses procs) throws Exception {
        SpawnedProcess child = ProcessLauncher.spawnWithJdk(new SpawnRequest(Children.sh("exit 3"), dir, procs.env()));
        procs.track(child.pid());
        assertThat(child.exit().get().describe()).isEqualTo("exited with code 3");
        close(child);
    }

    private static SpawnedProcess spawn(TestProcesses procs, List<String> argv, Path cwd, Map<String, String> env)
            throws ProcessLaunchException {
        SpawnedProcess child = ProcessLauncher.spawnNative(new SpawnRequest(argv, cwd, env));
        procs.track(child.pid());
        return child;
    }

    private static void killAndReap(SpawnedProcess child) throws Exception {
        Posix.kill(child.pid(), Signal.SIGKILL.number());
        assertThat(child.exit().get().signal()).isEqualTo(Signal.SIGKILL);
        close(child);
    }

    private static void close(SpawnedProcess child) {
        Posix.close(child.stdoutFd());
        Posix.close(child.stderrFd());
    }

    private static Map<String, String> status(int pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().map(l -> l.split(":\\s*", 2))
                .filter(kv -> kv.length == 2).collect(Collectors.toMap(kv -> kv[0], kv -> kv[1], (a, b) -> b));
    }

    /** Children of this JVM in state Z: exited but never reaped. */
    private static List<Integer> zombieChildren() {
        long self = ProcessHandle.current().pid();
        return ProcFs.sweep().stream().filter(s -> s.ppid() == self && s.state() == 'Z').map(ProcStat::pid).toList();
    }
}
