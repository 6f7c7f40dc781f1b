package dev.orchestrator.supervisor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.control.JsonText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code .orchestrator/state.json}: the run id, the orchestrator's pid, and every live child with its group and
 * {@code /proc} start time (so a reused pid is never mistaken for ours). Rewritten atomically (temp file + rename) on
 * one background thread, at most once per {@link #MIN_GAP}; requests made while a write is pending fold into it, so a
 * burst of 100 starts writes a few times, not 100. A child the file misses for that long is still found after a crash:
 * {@link Recovery} also stops every process carrying the run's {@code ORCHESTRATOR_RUN} marker.
 *
 * <p>Written with jackson-core's generator and read through {@link JsonText}, never an {@code ObjectMapper}: the
 * daemon would otherwise load ~250 databind classes for this one file. The text is what an {@code ObjectMapper} with
 * snake_case names and {@code INDENT_OUTPUT} wrote before (fields in record order); unknown fields are ignored and
 * missing ones read as 0 or null, as that mapper read them.
 */
final class StateFile implements AutoCloseable {
    static final String NAME = "state.json";
    private static final Logger LOG = LoggerFactory.getLogger(StateFile.class);
    private static final JsonFactory FACTORY = new JsonFactory();

    /** The file's content; instants are ISO-8601 strings. */
    record State(int schema, String runId, long orchestratorPid, String startedAt, List<Entry> processes) {
    }

    /** One live child. */
    record Entry(String name, int instance, String label, int pid, int pgid, long startTicks, String startedAt,
            String killSignal, long killTimeoutMs) {
    }

    /**
     * The least time between the starts of two writes. Writing 100 entries costs ~1 ms of CPU while the JVM is cold,
     * and a cold start of 100 apps changed the file ~100 times as their children competed for the cores.
     */
    static final Duration MIN_GAP = Duration.ofMillis(50);

    private final Path file;
    private final Supplier<State> snapshot;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ScheduledThreadPoolExecutor writer = new ScheduledThreadPoolExecutor(1,
            Thread.ofPlatform().name("orchestrator-state").daemon(true).factory());
    private volatile long lastWriteNanos = System.nanoTime() - MIN_GAP.toNanos();

    StateFile(Path stateDir, Supplier<State> snapshot) {
        this.file = stateDir.resolve(NAME);
        this.snapshot = snapshot;
        writer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // close() deletes the file anyway
    }

    /** Writes now, on the caller's thread (at start-up, before any child exists). */
    void writeNow() throws IOException {
        write(snapshot.get());
    }

    /** Schedules a rewrite; cheap, never blocks. */
    void changed() {
        if (pending.compareAndSet(false, true)) {
            long wait = lastWriteNanos + MIN_GAP.toNanos() - System.nanoTime();
            writer.schedule(this::writePending, Math.max(0, wait), TimeUnit.NANOSECONDS);
        }
    }

    private void writePending() {
        lastWriteNanos = System.nanoTime();
        pending.set(false);
        try {
            write(snapshot.get());
        } catch (IOException e) {
            LOG.warn("writing {} failed: {}; recovery after a crash may miss processes", file, e.toString());
        }
    }

    /**
     * Finishes the write in progress (one still waiting for its turn is dropped), then deletes the file: a clean exit
     * leaves nothing to recover.
     */
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
        Files.write(temp, text(state));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a state file, if there is one. */
    static Optional<State> read(Path stateDir) throws IOException {
        Path file = stateDir.resolve(NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(parse(Files.readString(file), file));
    }

    /** The file's bytes for {@code state}. */
    static byte[] text(State state) throws IOException {
        var out = new ByteArrayOutputStream(256 + 320 * state.processes().size());
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeNumberField("schema", state.schema());
            g.writeStringField("run_id", state.runId());
            g.writeNumberField("orchestrator_pid", state.orchestratorPid());
            g.writeStringField("started_at", state.startedAt());
            g.writeArrayFieldStart("processes");
            for (Entry e : state.processes()) {
                g.writeStartObject();
                g.writeStringField("name", e.name());
                g.writeNumberField("instance", e.instance());
                g.writeStringField("label", e.label());
                g.writeNumberField("pid", e.pid());
                g.writeNumberField("pgid", e.pgid());
                g.writeNumberField("start_ticks", e.startTicks());
                g.writeStringField("started_at", e.startedAt());
                g.writeStringField("kill_signal", e.killSignal());
                g.writeNumberField("kill_timeout_ms", e.killTimeoutMs());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static State parse(String text, Path file) throws IOException {
        JsonNode root = JsonText.read(text);
        if (!root.isObject()) {
            throw new IOException(file + " holds no JSON object");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode e : root.path("processes")) {
            entries.add(new Entry(string(e, "name"), e.path("instance").asInt(), string(e, "label"),
                    e.path("pid").asInt(), e.path("pgid").asInt(), e.path("start_ticks").asLong(),
                    string(e, "started_at"), string(e, "kill_signal"), e.path("kill_timeout_ms").asLong()));
        }
        return new State(root.path("schema").asInt(), string(root, "run_id"), root.path("orchestrator_pid").asLong(),
                string(root, "started_at"), List.copyOf(entries));
    }

    private static String string(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
