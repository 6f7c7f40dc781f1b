package dev.orchestrator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The JSON form of the records, field by field, so names (snake_case) and order are exactly what CONTRACTS and the
 * protocol document say; decoding reads the same form back. Absent values are JSON null; instants are ISO-8601 UTC.
 */
public final class Codec {

    private Codec() {
    }

    /** A row of {@code ls --json}: name, instance, namespace, runtime, status, pid, uptime_ms, ... last_exit. */
    public static ObjectNode row(ProcessRow row) {
        ObjectNode n = JsonText.object();
        n.put("name", row.name());
        n.put("instance", row.instance());
        n.put("namespace", row.namespace());
        n.put("runtime", row.runtime());
        n.put("status", row.status().wireName());
        if (row.pid().isPresent()) {
            n.put("pid", row.pid().getAsLong());
        } else {
            n.putNull("pid");
        }
        n.put("uptime_ms", row.uptimeMs());
        n.put("restarts", row.restarts());
        n.put("cpu_percent", row.cpuPercent());
        n.put("memory_bytes", row.memoryBytes());
        ObjectNode exit = n.putObject("last_exit");
        exit.put("code", row.lastExit().code());
        exit.put("signal", row.lastExit().signal());
        exit.put("at", instant(row.lastExit().at()));
        return n;
    }

    public static ProcessRow row(JsonNode n) {
        JsonNode exit = n.path("last_exit");
        return new ProcessRow(text(n, "name"), n.path("instance").asInt(), text(n, "namespace"), text(n, "runtime"),
                ProcessRow.Status.fromWire(text(n, "status")),
                n.path("pid").isNumber() ? OptionalLong.of(n.get("pid").asLong()) : OptionalLong.empty(),
                n.path("uptime_ms").asLong(), n.path("restarts").asInt(), n.path("cpu_percent").asDouble(),
                n.path("memory_bytes").asLong(), new ProcessRow.LastExit(integer(exit, "code"),
                        nullableText(exit, "signal"), instant(exit, "at")));
    }

    public static ArrayNode rows(List<ProcessRow> rows) {
        ArrayNode array = JsonText.array();
        rows.forEach(r -> array.add(row(r)));
        return array;
    }

    public static List<ProcessRow> rows(JsonNode array) {
        List<ProcessRow> rows = new ArrayList<>();
        array.forEach(n -> rows.add(row(n)));
        return rows;
    }

    public static ObjectNode details(AppDetails d) {
        ObjectNode n = JsonText.object();
        n.put("name", d.name());
        n.put("namespace", d.namespace());
        n.put("runtime", d.runtime());
        n.put("source", d.source().toString());
        d.argv().forEach(n.putArray("argv")::add);
        n.put("cwd", d.cwd().toString());
        ObjectNode env = n.putObject("env");
        d.env().forEach(env::put);
        ArrayNode logs = n.putArray("logs");
        d.logs().forEach(l -> logs.addObject().put("instance", l.instance()).put("out_file", l.outFile().toString())
                .put("error_file", l.errFile().toString()));
        n.set("processes", rows(d.processes()));
        ArrayNode history = n.putArray("restart_history");
        for (AppDetails.RestartRecord r : d.restartHistory()) {
            history.addObject().put("at", instant(r.at())).put("instance", r.instance()).put("code", r.code())
                    .put("signal", r.signal()).put("reason", r.reason());
        }
        d.lastStderr().forEach(n.putArray("last_stderr")::add);
        return n;
    }

    public static AppDetails details(JsonNode n) {
        List<String> argv = strings(n.path("argv"));
        Map<String, String> env = new LinkedHashMap<>();
        n.path("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        List<AppDetails.LogFiles> logs = new ArrayList<>();
        n.path("logs").forEach(l -> logs.add(new AppDetails.LogFiles(l.path("instance").asInt(),
                Path.of(text(l, "out_file")), Path.of(text(l, "error_file")))));
        List<AppDetails.RestartRecord> history = new ArrayList<>();
        n.path("restart_history").forEach(r -> history.add(new AppDetails.RestartRecord(instant(r, "at"),
                r.path("instance").asInt(), integer(r, "code"), nullableText(r, "signal"), text(r, "reason"))));
        return new AppDetails(text(n, "name"), text(n, "namespace"), text(n, "runtime"), Path.of(text(n, "source")),
                argv, Path.of(text(n, "cwd")), env, logs, rows(n.path("processes")), history,
                strings(n.path("last_stderr")));
    }

    /** The fields of an action's result, added to {@code into}: ok, affected, message. */
    public static ObjectNode action(ActionResult result, ObjectNode into) {
        into.put("ok", result.ok());
        result.affected().forEach(into.putArray("affected")::add);
        into.put("message", result.message());
        return into;
    }

    public static ActionResult action(JsonNode n) {
        return new ActionResult(n.path("ok").asBoolean(), strings(n.path("affected")), n.path("message").asText(""));
    }

    static String instant(Instant at) {
        return at == null ? null : at.toString();
    }

    static Instant instant(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : Instant.parse(v.asText());
    }

    static Integer integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asInt();
    }

    static String nullableText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** A required text field; a missing one is a protocol error naming the field. */
    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("field '" + field + "' missing in " + Protocol.abbreviate(n.toString()));
        }
        return v.asText();
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
