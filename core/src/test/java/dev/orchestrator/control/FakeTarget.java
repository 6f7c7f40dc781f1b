package dev.orchestrator.control;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/** A {@link ControlTarget} over a fixed list of rows that records what it was asked; used by control and CLI tests. */
public final class FakeTarget implements ControlTarget {

    public static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    public final List<ProcessRow> rows = new CopyOnWriteArrayList<>();
    public final List<String> calls = new CopyOnWriteArrayList<>();
    public final List<Consumer<EventRecord>> listeners = new CopyOnWriteArrayList<>();
    public final AtomicInteger downs = new AtomicInteger();
    public volatile RuntimeException failWith;
    /** The forwarded command lines it was given, and what it answers them (declines them unless a test says else). */
    public final List<ForwardedCommand> forwarded = new CopyOnWriteArrayList<>();
    public volatile Function<ForwardedCommand, CommandOutcome> commands = c -> CommandOutcome.declined("fake");
    /** Runs inside {@link #subscribe}, before the listener is added: a slow target, or an event in that window. */
    public volatile Consumer<Consumer<EventRecord>> whileSubscribing = listener -> { };

    /** api (2 instances, namespace default, one crashed before), web (default), duck_stt (namespace duck, stopped). */
    public static FakeTarget sample() {
        FakeTarget t = new FakeTarget();
        t.rows.add(new ProcessRow("api", 0, "default", "python", ProcessRow.Status.RUNNING, OptionalLong.of(4242),
                61_000, 2, 1.5, 52_428_800, new ProcessRow.LastExit(1, null, T0)));
        t.rows.add(new ProcessRow("api", 1, "default", "python", ProcessRow.Status.RUNNING, OptionalLong.of(4243),
                3_600_000, 0, 0.0, 1536, ProcessRow.LastExit.NONE));
        t.rows.add(new ProcessRow("web", 0, "default", "node", ProcessRow.Status.BACKOFF, OptionalLong.empty(), 0, 5,
                0.0, 0, new ProcessRow.LastExit(null, "SIGKILL", T0.plusSeconds(30))));
        t.rows.add(new ProcessRow("duck_stt", 0, "duck", "python", ProcessRow.Status.STOPPED, OptionalLong.empty(), 0,
                0, 0.0, 0, ProcessRow.LastExit.NONE));
        return t;
    }

    public static AppDetails apiDetails(Path root) {
        return new AppDetails("api", "default", "python", root.resolve("services/py/api/ecosystem.yaml"),
                List.of("uv", "run", "python", "-m", "main"), root.resolve("services/py/api"),
                Map.of("PYTHONUNBUFFERED", "1"),
                List.of(new AppDetails.LogFiles(0, root.resolve("logs/api-0-out.log"), root.resolve("logs/api-0-err.log")),
                        new AppDetails.LogFiles(1, root.resolve("logs/api-1-out.log"),
                                root.resolve("logs/api-1-err.log"))),
                List.of(sample().rows.get(0), sample().rows.get(1)),
                List.of(new AppDetails.RestartRecord(T0, 0, 1, null, "crashed")),
                List.of("Traceback (most recent call last):", "ValueError: boom"));
    }

    public Path detailsRoot = Path.of("/mono");

    @Override
    public List<ProcessRow> list() {
        calls.add("ls");
        if (failWith != null) {
            throw failWith;
        }
        return List.copyOf(rows);
    }

    @Override
    public Optional<AppDetails> describe(String name) {
        calls.add("describe " + name);
        return name.equals("api") ? Optional.of(apiDetails(detailsRoot)) : Optional.empty();
    }

    @Override
    public ActionResult start(String selector) {
        return act("start", selector);
    }

    @Override
    public ActionResult stop(String selector) {
        return act("stop", selector);
    }

    @Override
    public ActionResult restart(String selector) {
        return act("restart", selector);
    }

    private ActionResult act(String verb, String selector) {
        calls.add(verb + " " + selector);
        Selector.Resolution r = Selector.resolve(selector, rows.stream().map(ProcessRow::ref).toList());
        if (!r.ok()) {
            return ActionResult.failed(r.problem().orElseThrow());
        }
        return ActionResult.done(r.addresses(), verb + " " + String.join(", ", r.addresses()));
    }

    @Override
    public ActionResult reload() {
        calls.add("reload");
        return ActionResult.done(List.of("api:0"), "reloaded: 1 changed");
    }

    @Override
    public void down() {
        calls.add("down");
        downs.incrementAndGet();
    }

    @Override
    public AutoCloseable subscribe(Consumer<EventRecord> listener) {
        whileSubscribing.accept(listener);
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public CommandOutcome run(ForwardedCommand command) {
        forwarded.add(command);
        return commands.apply(command);
    }

    /** A control server for this target at {@code root}'s socket, as an orchestrator of version 9.9.9 would run. */
    public ControlServer serveAt(Path root) throws java.io.IOException {
        return ControlServer.start(SocketLocation.forServer(root, Map.of(), SocketLocation.currentUid()), this,
                "9.9.9");
    }

    /** Calls every listener on the caller's thread, as the orchestrator would. */
    public void emit(EventRecord event) {
        listeners.forEach(l -> l.accept(event));
    }

    public List<String> callsSnapshot() {
        return new ArrayList<>(calls);
    }
}
