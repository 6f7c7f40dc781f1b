package dev.orchestrator.supervisor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code .orchestrator/state.json}: the run id, the orchestrator's pid, and every live child with its group and
 * {@code /proc} start time (so a reused pid is never mistaken for ours). Rewritten atomically (temp file + rename) on
 * one background thread; requests made while a write is pending fold into it, so a burst of 100 starts writes a few
 * times, not 100.
 */
final class StateFile implements AutoCloseable {
    static final String NAME = "state.json";
    private static final Logger LOG = LoggerFactory.getLogger(StateFile.class);
    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The file's content; instants are ISO-8601 strings. */
    record State(int schema, String runId, long orchestratorPid, String startedAt, List<Entry> processes) {
    }

    /** One live child. */
    record Entry(String name, int instance, String label, int pid, int pgid, long startTicks, String startedAt,
            String killSignal, long killTimeoutMs) {
    }

    private final Path file;
    private final Supplier<State> snapshot;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("orchestrator-state").daemon(true).factory());

    StateFile(Path stateDir, Supplier<State> snapshot) {
        this.file = stateDir.resolve(NAME);
        this.snapshot = snapshot;
    }

    /** Writes now, on the caller's thread (at start-up, before any child exists). */
    void writeNow() throws IOException {
        write(snapshot.get());
    }

    /** Schedules a rewrite; cheap, never blocks. */
    void changed() {
        if (pending.compareAndSet(false, true)) {
            writer.execute(() -> {
                pending.set(false);
                try {
                    write(snapshot.get());
                } catch (IOException e) {
                    LOG.warn("writing {} failed: {}; recovery after a crash may miss processes", file, e.toString());
                }
            });
        }
    }

    /** Finishes pending writes, then deletes the file: a clean exit leaves nothing to recover. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("deleting {} failed: {}", file, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(State state) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(NAME + ".tmp");
        JSON.writeValue(temp.toFile(), state);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a state file, if there is one. */
    static Optional<State> read(Path stateDir) throws IOException {
        Path file = stateDir.resolve(NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(file.toFile(), State.class));
    }
}
