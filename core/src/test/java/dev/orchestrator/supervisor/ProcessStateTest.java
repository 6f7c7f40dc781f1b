package dev.orchestrator.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProcessStateTest {
    @Test
    void usesExactlyTheStatusNamesOfTheContract() {
        assertThat(Arrays.stream(ProcessState.values()).map(ProcessState::wireName)).containsExactly(
                "starting", "running", "ready", "stopping", "stopped", "exited", "backoff", "errored", "failed");
    }

    @Test
    void allowsTheEdgesOfACrashAndRestart() {
        ProcessState s = ProcessState.STOPPED;
        s = s.transitionTo(ProcessState.STARTING).transitionTo(ProcessState.RUNNING).transitionTo(ProcessState.EXITED)
                .transitionTo(ProcessState.BACKOFF).transitionTo(ProcessState.STARTING)
                .transitionTo(ProcessState.RUNNING).transitionTo(ProcessState.READY)
                .transitionTo(ProcessState.STOPPING).transitionTo(ProcessState.STOPPED);
        assertThat(s).isEqualTo(ProcessState.STOPPED);
    }

    @Test
    void throwsOnAnIllegalEdgeNamingBothStates() {
        assertThatThrownBy(() -> ProcessState.STOPPED.transitionTo(ProcessState.RUNNING))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("process state 'stopped' cannot become 'running': from 'stopped' only starting, failed "
                        + "are allowed");
    }

    @Test
    void reachesFailedOnlyFromRestingStates() {
        assertThat(ProcessState.RUNNING.canTransitionTo(ProcessState.FAILED)).isFalse();
        assertThat(ProcessState.STOPPED.canTransitionTo(ProcessState.FAILED)).isTrue();
        assertThat(ProcessState.FAILED.canTransitionTo(ProcessState.RUNNING)).isFalse();
    }
}
