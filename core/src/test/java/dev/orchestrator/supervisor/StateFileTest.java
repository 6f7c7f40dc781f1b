package dev.orchestrator.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** state.json without databind: the same bytes the ObjectMapper of earlier versions wrote, read back the same way. */
class StateFileTest {

    /** The mapper state.json was written and read with before (and what older orchestrators may have left behind). */
    private static final ObjectMapper EARLIER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final StateFile.State TWO = new StateFile.State(1, "e1d627a91f06e937", 27554,
            "2026-11-27T23:23:36.954517719Z", List.of(
                    new StateFile.Entry("stt", 0, "stt", 27582, 27582, 2182772, "2026-11-27T23:23:37.031121599Z",
                            "SIGTERM", 1600),
                    new StateFile.Entry("web \"x\"", 3, "web \"x\":3", Integer.MAX_VALUE, 1, Long.MAX_VALUE, null,
                            "SIGINT", 0)));

    @TempDir
    Path dir;

    @Test
    void writesTheBytesTheEarlierObjectMapperWrote() throws IOException {
        for (StateFile.State state : List.of(TWO, new StateFile.State(1, "r", 1, "t", List.of()))) {
            assertThat(new String(StateFile.text(state), StandardCharsets.UTF_8))
                    .isEqualTo(EARLIER.writeValueAsString(state));
        }
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        new StateFile(dir, () -> TWO).writeNow();

        assertThat(StateFile.read(dir)).contains(TWO);
        assertThat(dir.resolve("state.json")).hasContent(EARLIER.writeValueAsString(TWO));
    }

    @Test
    void replacesTheFileWholeAndMakesItsFolderAgainWhenItWasRemoved() throws IOException {
        Path stateDir = dir.resolve(".orchestrator");
        StateFile file = new StateFile(stateDir, () -> TWO);
        file.writeNow();
        Files.writeString(stateDir.resolve("state.json.tmp"), "left by a crash mid-write");
        file.writeNow();
        assertThat(stateDir.resolve("state.json")).hasContent(EARLIER.writeValueAsString(TWO));
        assertThat(stateDir.resolve("state.json.tmp")).doesNotExist();

        Files.delete(stateDir.resolve("state.json"));
        Files.delete(stateDir);
        file.writeNow();
        assertThat(StateFile.read(stateDir)).contains(TWO);
    }

    @Test
    void aBurstOfChangesWritesAFewTimesAndEndsWithTheLastState() throws IOException {
        var snapshots = new AtomicInteger();
        var version = new AtomicInteger();
        StateFile file = new StateFile(dir, () -> {
            snapshots.incrementAndGet();
            return new StateFile.State(1, "r", version.get(), "t", List.of());
        });
        long began = System.nanoTime();
        for (int i = 1; i <= 200; i++) { // a change every millisecond or so, as when 100 apps start
            version.set(i);
            file.changed();
            LockSupport.parkNanos(1_000_000);
        }
        long burstNanos = System.nanoTime() - began;

        await().until(() -> StateFile.read(dir).map(StateFile.State::orchestratorPid).orElse(0L) == 200);
        // one write at once, then at most one per gap while the burst went on, and the one that folds in its end
        assertThat(snapshots.get()).isLessThanOrEqualTo(2 + (int) (burstNanos / StateFile.MIN_GAP.toNanos()));
        file.close();
        assertThat(dir.resolve("state.json")).doesNotExist();
    }

    @Test
    void ignoresUnknownFieldsAndReadsMissingOnesAsZeroOrNull() throws IOException {
        Files.writeString(dir.resolve("state.json"), """
                {"schema": 1, "future": {"a": [1, 2]}, "run_id": "r", "processes": [{"name": "a", "pid": 42, "x": 1}]}
                """);

        assertThat(StateFile.read(dir)).contains(new StateFile.State(1, "r", 0, null,
                List.of(new StateFile.Entry("a", 0, null, 42, 0, 0, null, null, 0))));
    }

    @Test
    void readsNothingWhenThereIsNoFileAndFailsOnOneThatHoldsNoObject() throws IOException {
        assertThat(StateFile.read(dir)).isEmpty();

        Files.writeString(dir.resolve("state.json"), "");
        assertThatThrownBy(() -> StateFile.read(dir)).isInstanceOf(IOException.class)
                .hasMessage(dir.resolve("state.json") + " holds no JSON object");
        Files.writeString(dir.resolve("state.json"), "{\"schema\": 1, \"run_id\": ");
        assertThatThrownBy(() -> StateFile.read(dir)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("Unexpected end-of-input");
    }
}
