package dev.orchestrator.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orchestrator.control.ActionResult;
import dev.orchestrator.control.Codec;
import dev.orchestrator.control.ControlClient;
import dev.orchestrator.control.ControlException;
import dev.orchestrator.control.JsonText;
import dev.orchestrator.control.Selector;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What the verbs that talk to the running orchestrator share: connect (exit 3 when none runs), call, and print an
 * action's result. This path reads no descriptor and loads no plugin, so {@code ls} stays fast.
 */
final class ControlCalls {

    private ControlCalls() {
    }

    /** One conversation with the orchestrator. */
    interface Call<T> {
        T apply(ControlClient client) throws ControlException;
    }

    /** Connects to the orchestrator of {@code root}, runs {@code call}, and maps failures to exit codes. */
    static <T> T with(Path root, Call<T> call) {
        try (ControlClient client = ControlClient.connect(root, Entry.version())) {
            return call.apply(client);
        } catch (ControlException.NotRunning e) {
            throw new CliException(ExitCodes.NOT_RUNNING, e.getMessage());
        } catch (ControlException e) {
            throw new CliException(ExitCodes.FAILED, e.getMessage());
        }
    }

    /** Checks a selector before connecting, so a typo is a usage error even when nothing runs. */
    static String selector(String text) {
        try {
            return Selector.parse(text).toString();
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }

    /**
     * Prints an action's result: the JSON object ({@code schema, ok, affected, message}) or the message; a failed
     * action exits 1 with its message (which names the apps that exist for an unknown one).
     */
    static int print(ActionResult result, boolean json, PrintWriter out) {
        if (json) {
            ObjectNode node = Codec.action(result, jsonObject());
            out.println(Json.write(node));
            out.flush();
            return result.ok() ? ExitCodes.OK : ExitCodes.FAILED;
        }
        if (!result.ok()) {
            throw new CliException(ExitCodes.FAILED, result.message());
        }
        out.println(result.message());
        out.flush();
        return ExitCodes.OK;
    }

    /** An empty JSON object starting with {@code "schema": 1}. */
    static ObjectNode jsonObject() {
        ObjectNode node = JsonText.object();
        node.put("schema", Json.SCHEMA);
        return node;
    }
}
