package dev.orchestrator.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceLockTest {
    @TempDir
    Path root;

    @Test
    @SuppressWarnings("try") // the lock is held by the try block's scope
    void refusesASecondHolderNamingThePidOfTheFirstAndIsFreeAgainAfterClose() {
        Path stateDir = root.resolve(".orchestrator");
        long self = ProcessHandle.current().pid();
        try (InstanceLock first = InstanceLock.acquire(stateDir)) {
            assertThatThrownBy(() -> InstanceLock.acquire(stateDir))
                    .isInstanceOfSatisfying(InstanceLock.AlreadyRunningException.class,
                            e -> assertThat(e.pid()).isEqualTo(OptionalLong.of(self)))
                    .hasMessage("orchestrator for '" + root + "' is already running (pid " + self + ", holding "
                            + stateDir.resolve("orchestrator.lock") + "); talk to it with `orchestrator ls`/`logs`, "
                            + "or stop it with `orchestrator down`");
        }
        InstanceLock.acquire(stateDir).close();
    }

    @Test
    void recoversNothingWithoutAStateFile() {
        assertThat(Recovery.recoverLeftovers(root.resolve(".orchestrator"))).isEmpty();
    }
}
