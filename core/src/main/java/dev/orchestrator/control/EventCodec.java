package dev.orchestrator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The wire form of {@link EventRecord}: {@code {"schema":1,"type":"event","id":..,"event":"exited","at":..,...}}. */
public final class EventCodec {

    private EventCodec() {
    }

    /** The event line for the subscription started by request {@code id}. */
    public static ObjectNode encode(EventRecord event, JsonNode id) {
        ObjectNode n = Protocol.message("event");
        n.set("id", id);
        n.put("event", event.kind());
        n.put("at", event.at().toString());
        switch (event) {
            case EventRecord.Started e -> process(n, e.name(), e.instance()).put("pid", e.pid());
            case EventRecord.Ready e -> process(n, e.name(), e.instance()).put("pid", e.pid());
            case EventRecord.Exited e -> process(n, e.name(), e.instance()).put("code", e.code())
                    .put("signal", e.signal());
            case EventRecord.Restarting e -> process(n, e.name(), e.instance()).put("delay_ms", e.delayMs())
                    .put("reason", e.reason());
            case EventRecord.Errored e -> process(n, e.name(), e.instance()).put("message", e.message());
            case EventRecord.Stopped e -> process(n, e.name(), e.instance());
            case EventRecord.Reload e -> {
                e.added().forEach(n.putArray("added")::add);
                e.removed().forEach(n.putArray("removed")::add);
                e.changed().forEach(n.putArray("changed")::add);
                e.failed().forEach(n.putArray("failed")::add);
            }
        }
        return n;
    }

    private static ObjectNode process(ObjectNode n, String name, int instance) {
        return n.put("name", name).put("instance", instance);
    }

    /**
     * Reads an event line back.
     *
     * @throws IllegalArgumentException for an event kind this version does not know (newer orchestrators may add
     *                                  kinds within a protocol version; clients skip those)
     */
    public static EventRecord decode(JsonNode n) {
        var at = Codec.instant(n, "at");
        String kind = Codec.text(n, "event");
        return switch (kind) {
            case "started" -> new EventRecord.Started(at, Codec.text(n, "name"), n.path("instance").asInt(),
                    n.path("pid").asLong());
            case "ready" -> new EventRecord.Ready(at, Codec.text(n, "name"), n.path("instance").asInt(),
                    n.path("pid").asLong());
            case "exited" -> new EventRecord.Exited(at, Codec.text(n, "name"), n.path("instance").asInt(),
                    Codec.integer(n, "code"), Codec.nullableText(n, "signal"));
            case "restarting" -> new EventRecord.Restarting(at, Codec.text(n, "name"), n.path("instance").asInt(),
                    n.path("delay_ms").asLong(), Codec.text(n, "reason"));
            case "errored" -> new EventRecord.Errored(at, Codec.text(n, "name"), n.path("instance").asInt(),
                    Codec.text(n, "message"));
            case "stopped" -> new EventRecord.Stopped(at, Codec.text(n, "name"), n.path("instance").asInt());
            case "reload" -> new EventRecord.Reload(at, Codec.strings(n.path("added")),
                    Codec.strings(n.path("removed")), Codec.strings(n.path("changed")),
                    Codec.strings(n.path("failed")));
            default -> throw new IllegalArgumentException("event '" + kind + "' is not known to this client");
        };
    }
}
