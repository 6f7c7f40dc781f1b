package dev.orchestrator.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orchestrator.control.ActionResult;
import dev.orchestrator.control.Codec;
import dev.orchestrator.control.ControlClient;
import dev.orchestrator.control.ControlException;
import dev.orchestrator.control.ProcessRow;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The bodies of the verbs that only talk to the running orchestrator ({@code ls}, {@code start|stop|restart},
 * {@code down}), free of picocli: the picocli commands and {@link QuickCli} both call these, so the common command
 * lines never load the parser's classes (Java 5 bytecode that the AOT cache cannot hold).
 */
final class Verbs {

    private Verbs() {
    }

    /** The selector verbs and the client call each makes. */
    enum Action {
        START, STOP, RESTART;

        ActionResult on(ControlClient client, String selector) throws ControlException {
            return switch (this) {
                case START -> client.start(selector);
                case STOP -> client.stop(selector);
                case RESTART -> client.restart(selector);
            };
        }
    }

    /** {@code ls [--json]}; {@code project} is the {@code -C} value, null when none was given. */
    static int ls(Path project, boolean json, PrintWriter out) {
        List<ProcessRow> rows = ControlCalls.with(ProjectOption.resolve(project), c -> c.list());
        if (json) {
            ObjectNode node = ControlCalls.jsonObject();
            node.set("apps", Codec.rows(rows));
            out.println(Json.write(node));
        } else {
            LsTable.lines(rows, Instant.now()).forEach(out::println);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** {@code start|stop|restart SELECTOR [--json]}; a malformed selector is a usage error even when nothing runs. */
    static int action(Action action, Path project, String selector, boolean json, PrintWriter out) {
        String checked = ControlCalls.selector(selector);
        ActionResult result = ControlCalls.with(ProjectOption.resolve(project), client -> action.on(client, checked));
        return ControlCalls.print(result, json, out);
    }

    /** {@code down [--json]}. */
    static int down(Path project, boolean json, PrintWriter out) {
        String message = ControlCalls.with(ProjectOption.resolve(project), c -> c.down(Duration.ofSeconds(10)));
        if (json) {
            out.println(Json.write(ControlCalls.jsonObject().put("ok", true).put("message", message)));
        } else {
            out.println(message);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
