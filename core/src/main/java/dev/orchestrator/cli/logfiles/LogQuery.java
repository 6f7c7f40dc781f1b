package dev.orchestrator.cli.logfiles;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * What {@code logs} asks for.
 *
 * @param grep  only lines where this pattern is found
 * @param since only lines from this time on
 * @param limit at most this many lines per stream, the last ones; empty for every line (streamed, not held)
 * @param zone  the zone of timestamps written without an offset
 */
public record LogQuery(Optional<Pattern> grep, Optional<Instant> since, OptionalInt limit, ZoneId zone) {

    public LogQuery {
        Objects.requireNonNull(grep, "grep");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(zone, "zone");
    }

    public boolean matches(String line) {
        return grep.isEmpty() || grep.get().matcher(line).find();
    }

    /** Whether a line written at {@code at} is too old (never, without {@code --since} or a known time). */
    boolean older(Instant at) {
        return since.isPresent() && at != null && at.isBefore(since.get());
    }
}
