package dev.orchestrator.supervisor;

import dev.orchestrator.logs.ConsolePrinter;
import java.util.function.Consumer;

/** Prints lifecycle events on the console under the process's label, marked {@code [orchestrator]}. */
public final class EventPrinter implements Consumer<LifecycleEvent> {
    private final ConsolePrinter console;

    public EventPrinter(ConsolePrinter console) {
        this.console = console;
    }

    @Override
    public void accept(LifecycleEvent event) {
        console.message(event.label(), text(event));
    }

    /** The message for an event, e.g. {@code [orchestrator] started (pid 4242)}. */
    public static String text(LifecycleEvent event) {
        String body = switch (event) {
            case LifecycleEvent.Started e -> "started (pid " + e.pid() + ")";
            case LifecycleEvent.Ready e -> "ready";
            case LifecycleEvent.Exited e -> e.exit().describe();
            case LifecycleEvent.Restarting e -> (e.delay().isZero() ? "restarting now: "
                    : "restarting in " + RestartPolicy.human(e.delay()) + ": ") + e.reason();
            case LifecycleEvent.Errored e -> "errored: " + e.reason() + (e.stderrTail().isEmpty() ? ""
                    : "\nlast lines of stderr:\n  " + String.join("\n  ", lastLines(e.stderrTail())));
            case LifecycleEvent.Stopped e -> "stopped";
            case LifecycleEvent.Failed e -> "failed: " + e.reason();
        };
        return "[orchestrator] " + body;
    }

    /** The console gets the last few lines; describe keeps the whole tail (a crash loop repeats the same lines). */
    private static java.util.List<String> lastLines(java.util.List<String> tail) {
        return tail.subList(Math.max(0, tail.size() - CONSOLE_STDERR_LINES), tail.size());
    }

    private static final int CONSOLE_STDERR_LINES = 10;
}
