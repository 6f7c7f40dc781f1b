package dev.orchestrator.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void parsesNamesWithAndWithoutThePrefixInAnyCase() {
        assertThat(Signal.parse("TERM")).isEqualTo(Signal.SIGTERM);
        assertThat(Signal.parse("SIGINT")).isEqualTo(Signal.SIGINT);
        assertThat(Signal.parse("sigusr2")).isEqualTo(Signal.SIGUSR2);
        assertThat(Signal.SIGKILL.number()).isEqualTo(9);
        assertThat(Signal.SIGHUP.shortName()).isEqualTo("HUP");
    }

    @Test
    void rejectsAnUnknownNameListingTheKnownOnes() {
        assertThatThrownBy(() -> Signal.parse("SIGFOO"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("signal 'SIGFOO' is unknown: expected a name like SIGTERM or TERM; known: "
                        + "SIGHUP, SIGINT, SIGQUIT");
    }

    @Test
    void mapsJdkExitValuesAboveOneHundredTwentyEightToKnownSignals() {
        assertThat(ExitStatus.fromJdk(137, AT)).isEqualTo(ExitStatus.killed(Signal.SIGKILL, AT));
        assertThat(ExitStatus.fromJdk(143, AT).describe()).isEqualTo("killed by SIGTERM");
        assertThat(ExitStatus.fromJdk(1, AT)).isEqualTo(ExitStatus.exited(1, AT));
        assertThat(ExitStatus.fromJdk(128, AT).describe()).isEqualTo("exited with code 128");
        assertThat(ExitStatus.fromJdk(200, AT).describe()).isEqualTo("exited with code 200");
        assertThat(ExitStatus.fromJdk(137, AT).shellValue()).isEqualTo(137);
    }

    @Test
    void parsesAStatLineWhoseCommandNameHoldsSpacesAndParentheses() {
        String line = "4242 (a) (b c) S 1 4242 4242 0 -1 4194560 100 0 0 0 7 3 0 0 20 0 1 0 123456 1000 250 "
                + "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        ProcStat stat = ProcStat.parse(line);
        assertThat(stat).isEqualTo(new ProcStat(4242, "a) (b c", 'S', 1, 4242, 4242, 10, 123456, 250));
        assertThat(stat.alive()).isTrue();
        assertThat(ProcStat.parse(line + "\n")).isEqualTo(stat);
        assertThatThrownBy(() -> ProcStat.parse("4242 (x) S 1 2 3")).hasMessageStartingWith("short /proc stat line");
    }

    @Test
    void readsEveryProcessOfThisMachineAsSplittingTheLineWould() throws Exception {
        List<ProcStat> swept = ProcFs.sweep();
        assertThat(swept).extracting(ProcStat::pid).contains((int) ProcessHandle.current().pid());
        for (ProcStat stat : swept) {
            String line;
            try {
                line = Files.readString(Path.of("/proc/" + stat.pid() + "/stat"), StandardCharsets.ISO_8859_1);
            } catch (java.nio.file.NoSuchFileException gone) {
                continue;
            }
            String[] f = line.substring(line.lastIndexOf(')') + 2).strip().split(" ");
            // Times and memory move between the two reads; the identity of the process does not.
            assertThat(List.of(stat.ppid(), stat.pgrp(), stat.session())).as(line)
                    .containsExactly(Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]));
            assertThat(stat.startTicks()).as(line).isEqualTo(Long.parseLong(f[19]));
        }
        ProcStat self = swept.stream().filter(s -> s.pid() == ProcessHandle.current().pid()).findFirst().orElseThrow();
        assertThat(self.comm()).isEqualTo("java"); // kernel workers rename themselves between two reads: not them
    }

    @Test
    void refusesToSignalInitOrEveryProcess() {
        assertThatThrownBy(() -> Posix.kill(-1, 9)).hasMessage(
                "refusing kill(-1, 9): it would signal more than one process group");
        assertThatThrownBy(() -> Posix.killGroup(1, Signal.SIGTERM)).hasMessage(
                "process group id must be > 1, was 1");
    }
}
