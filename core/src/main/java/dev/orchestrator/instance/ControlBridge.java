package dev.orchestrator.instance;

import dev.orchestrator.control.ActionResult;
import dev.orchestrator.control.AppDetails;
import dev.orchestrator.control.CommandOutcome;
import dev.orchestrator.control.ControlTarget;
import dev.orchestrator.control.EventRecord;
import dev.orchestrator.control.ForwardedCommand;
import dev.orchestrator.control.ProcessRow;
import dev.orchestrator.control.Selector;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.supervisor.ProcessView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The control server's view of the running orchestrator: {@code ls} rows with group CPU and memory, {@code describe},
 * and the actions, which resolve a selector ({@code api}, {@code api:1}, a namespace, {@code all}) and carry it out.
 */
final class ControlBridge implements ControlTarget {

    private static final String MASK = "****";

    private final RunningOrchestrator orchestrator;
    private final Function<ForwardedCommand, CommandOutcome> commands;
    private final GroupUsage usage = new GroupUsage();

    ControlBridge(RunningOrchestrator orchestrator, Function<ForwardedCommand, CommandOutcome> commands) {
        this.orchestrator = orchestrator;
        this.commands = commands;
    }

    @Override
    public CommandOutcome run(ForwardedCommand command) {
        return commands.apply(command);
    }

    @Override
    public List<ProcessRow> list() {
        List<ProcessView> views = orchestrator.supervisor().snapshot();
        Map<Integer, GroupUsage.Usage> byGroup = usage.sample(
                views.stream().filter(v -> v.pid() != null).map(ProcessView::pid).toList());
        Instant now = Instant.now();
        return views.stream().map(v -> row(v, byGroup, now)).toList();
    }

    private ProcessRow row(ProcessView v, Map<Integer, GroupUsage.Usage> byGroup, Instant now) {
        GroupUsage.Usage use = v.pid() == null ? GroupUsage.Usage.NONE
                : byGroup.getOrDefault(v.pid(), GroupUsage.Usage.NONE);
        long uptime = v.pid() != null && v.startedAt() != null ? Duration.between(v.startedAt(), now).toMillis() : 0;
        ProcessRow.LastExit last = v.lastExit() == null ? ProcessRow.LastExit.NONE
                : new ProcessRow.LastExit(v.lastExit().code(),
                        v.lastExit().signal() == null ? null : v.lastExit().signal().name(), v.lastExit().at());
        return new ProcessRow(v.name(), v.instance(), orchestrator.namespaceOf(v.name(), v.namespace()),
                orchestrator.runtimeOf(v.name(), v.runtime()), ProcessRow.Status.fromWire(v.status().wireName()),
                v.pid() == null ? OptionalLong.empty() : OptionalLong.of(v.pid()), uptime, v.restarts(),
                use.cpuPercent(), use.rssBytes(), last);
    }

    @Override
    public Optional<AppDetails> describe(String name) {
        Optional<AppSpec> spec = orchestrator.supervisor().spec(name);
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        AppSpec s = spec.get();
        List<ProcessRow> rows = list().stream().filter(r -> r.name().equals(name)).toList();
        List<AppDetails.LogFiles> logs = new ArrayList<>();
        for (int i = 0; i < s.instances(); i++) {
            logs.add(new AppDetails.LogFiles(i, s.logs().outFile(i, s.instances()), s.logs().errFile(i, s.instances())));
        }
        // What the orchestrator set: values equal to its own environment's were inherited and would only be noise.
        Map<String, String> inherited = System.getenv();
        Map<String, String> env = new LinkedHashMap<>();
        new java.util.TreeMap<>(s.env()).forEach((k, v) -> {
            if (!v.equals(inherited.get(k))) {
                env.put(k, s.secretKeys().contains(k) ? MASK : v);
            }
        });
        List<AppDetails.RestartRecord> history = orchestrator.events().history(name);
        int crashed = history.isEmpty() ? 0 : history.getLast().instance();
        List<String> stderr = history.isEmpty() || crashed >= s.instances() ? List.of()
                : orchestrator.supervisor().recentStderr(name, crashed);
        return Optional.of(new AppDetails(name, s.namespace(), s.runtime(), s.source(), s.argv(), s.cwd(), env, logs,
                rows, history, stderr));
    }

    @Override
    public ActionResult start(String selector) {
        return act(selector, "started", orchestrator::start);
    }

    @Override
    public ActionResult stop(String selector) {
        return act(selector, "stopped", orchestrator::stop);
    }

    @Override
    public ActionResult restart(String selector) {
        return act(selector, "restarted", orchestrator::restart);
    }

    @Override
    public ActionResult reload() {
        List<String> lines = orchestrator.reload();
        return ActionResult.done(List.of(), lines.isEmpty() ? "nothing changed" : String.join("\n", lines));
    }

    @Override
    public void down() {
        orchestrator.down();
    }

    @Override
    public AutoCloseable subscribe(Consumer<EventRecord> listener) {
        return orchestrator.events().subscribe(listener);
    }

    /**
     * Resolves the selector over every known process, then runs {@code action} on what it picked. Names only: a
     * {@link #list()} would sample every process's usage from /proc first, which delayed the first signal of a
     * {@code stop all} by tens of milliseconds.
     */
    private ActionResult act(String selector, String verb, RunningOrchestrator.Action action) {
        List<Selector.ProcessRef> refs = orchestrator.supervisor().snapshot().stream()
                .map(v -> new Selector.ProcessRef(v.name(), v.instance(), orchestrator.namespaceOf(v.name(),
                        v.namespace())))
                .toList();
        Selector.Resolution resolution = Selector.resolve(selector, refs);
        if (!resolution.ok()) {
            return ActionResult.failed(resolution.problem().orElseThrow());
        }
        Optional<String> failure = action.apply(resolution.processes());
        if (failure.isPresent()) {
            return ActionResult.failed(failure.get());
        }
        return ActionResult.done(resolution.addresses(), verb + " " + String.join(", ", resolution.addresses()));
    }
}
