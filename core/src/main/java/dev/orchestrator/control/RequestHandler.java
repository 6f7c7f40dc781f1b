package dev.orchestrator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Answers one request line with one response line by calling the {@link ControlTarget}; {@code events} is not here. */
final class RequestHandler {

    private final ControlTarget target;

    RequestHandler(ControlTarget target) {
        this.target = target;
    }

    static JsonNode id(ObjectNode request) {
        JsonNode id = request.get("id");
        return id == null ? NullNode.getInstance() : id;
    }

    static ObjectNode result(JsonNode id, boolean ok) {
        ObjectNode n = Protocol.message("result");
        n.set("id", id);
        n.put("ok", ok);
        return n;
    }

    static ObjectNode error(JsonNode id, String message) {
        ObjectNode n = Protocol.message("error");
        n.set("id", id);
        n.put("message", message);
        return n;
    }

    /** The response to {@code request} (an op other than {@code events}); a failing target becomes an error line. */
    ObjectNode handle(ObjectNode request) {
        JsonNode id = id(request);
        String op = request.path("op").asText("");
        try {
            return switch (op) {
                case "ls" -> {
                    ObjectNode n = result(id, true);
                    n.set("apps", Codec.rows(target.list()));
                    yield n;
                }
                case "describe" -> describe(id, request);
                case "start", "stop", "restart" -> action(id, op, request);
                case "reload" -> Codec.action(target.reload(), result(id, true));
                case "cli" -> forwarded(id, request);
                case "down" -> {
                    target.down();
                    yield result(id, true).put("message", "every app stopped; the orchestrator exits");
                }
                case "" -> error(id, "request has no 'op': send {\"id\":1,\"op\":\"ls\"}; ops are "
                        + String.join(", ", Protocol.OPS));
                default -> error(id, "op '" + op + "' is not known: protocol " + Protocol.VERSION + " has "
                        + String.join(", ", Protocol.OPS) + "; see docs/control-protocol.md");
            };
        } catch (RuntimeException e) {
            return error(id, "op '" + op + "' failed in the orchestrator: " + e
                    + "; see .orchestrator/orchestrator.log and retry");
        }
    }

    private ObjectNode describe(JsonNode id, ObjectNode request) {
        String name = request.path("name").asText("");
        if (name.isEmpty()) {
            return error(id, "op 'describe' needs a 'name': send {\"id\":1,\"op\":\"describe\",\"name\":\"api\"}");
        }
        Optional<AppDetails> details = target.describe(name);
        if (details.isPresent()) {
            ObjectNode n = result(id, true);
            n.set("app", Codec.details(details.get()));
            return n;
        }
        Set<String> names = new LinkedHashSet<>();
        target.list().forEach(r -> names.add(r.name()));
        String known = names.isEmpty() ? "the orchestrator runs no apps; check 'orchestrator config'"
                : "apps are " + String.join(", ", names) + "; run 'orchestrator ls' to see them";
        return result(id, false).put("message", "app '" + name + "' not found: " + known);
    }

    /** {@code cli}: a command line a thin client forwards; the result carries its exit code and output. */
    private ObjectNode forwarded(JsonNode id, ObjectNode request) {
        JsonNode argv = request.path("argv");
        String cwd = request.path("cwd").asText("");
        if (!argv.isArray() || !cwd.startsWith("/")) {
            return error(id, "op 'cli' needs 'argv' (an array of strings) and 'cwd' (an absolute path): send "
                    + "{\"id\":1,\"op\":\"cli\",\"argv\":[\"ls\"],\"cwd\":\"/mono\",\"classpath\":\"...\"}");
        }
        List<String> args = new ArrayList<>();
        for (JsonNode arg : argv) {
            if (!arg.isTextual()) {
                return error(id, "op 'cli' needs every element of 'argv' to be a string, got " + arg);
            }
            args.add(arg.asText());
        }
        CommandOutcome outcome = target.run(new ForwardedCommand(args, Path.of(cwd),
                request.path("classpath").asText("")));
        if (outcome.declined().isPresent()) {
            return result(id, false).put("message", outcome.declined().get());
        }
        return result(id, true).put("exit", outcome.exitCode()).put("stdout", outcome.stdout())
                .put("stderr", outcome.stderr());
    }

    private ObjectNode action(JsonNode id, String op, ObjectNode request) {
        String selector = request.path("selector").asText("");
        if (selector.isEmpty()) {
            return error(id, "op '" + op + "' needs a 'selector': an app name, NAME:i, a namespace or all");
        }
        ActionResult result = switch (op) {
            case "start" -> target.start(selector);
            case "stop" -> target.stop(selector);
            default -> target.restart(selector);
        };
        return Codec.action(result, result(id, true));
    }
}
