package dev.orchestrator.cli.logfiles;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Leading timestamps on log lines ({@code log_date_format}) and {@code --since} values. A line carries a timestamp
 * when it starts (optionally after {@code [}) with an ISO-like date and time: {@code 2026-11-27 10:00:05},
 * {@code 2026-11-27T10:00:05.123+01:00}, {@code 2026-11-27 10:00:05 Z}; without an offset the local zone is meant.
 */
public final class Timestamps {

    private static final Pattern LEADING = Pattern.compile(
            "^\\[?(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?)\\s?(Z|[+-]\\d{2}:?\\d{2})?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Timestamps() {
    }

    /** The timestamp a line starts with, read in {@code zone} when it has no offset. */
    public static Optional<Instant> leading(String line, ZoneId zone) {
        Matcher m = LEADING.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            LocalDateTime local = LocalDateTime.parse(m.group(1) + "T" + m.group(2).replace(',', '.'));
            String offset = m.group(3);
            if (offset == null) {
                return Optional.of(local.atZone(zone).toInstant());
            }
            if (!offset.equals("Z") && !offset.contains(":")) {
                offset = offset.substring(0, 3) + ":" + offset.substring(3);
            }
            return Optional.of(local.atOffset(ZoneOffset.of(offset)).toInstant());
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A {@code --since} value: a duration back from {@code now} ({@code 10m}, {@code 1h30m}, {@code 2d},
     * {@code 500ms}) or a time ({@code 2026-11-27T10:00}, {@code 2026-11-27 10:00:00}, {@code 2026-11-27}, with an
     * optional offset).
     *
     * @throws IllegalArgumentException with the accepted forms when it is neither
     */
    public static Instant since(String text, Instant now, ZoneId zone) {
        String t = text.strip();
        if (!t.isEmpty() && DURATION.matcher(t).replaceAll("").isEmpty()) {
            Duration total = Duration.ZERO;
            Matcher m = DURATION.matcher(t);
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            }
            return now.minus(total);
        }
        Optional<Instant> time = leading(t, zone).filter(i -> LEADING.matcher(t).replaceFirst("").isBlank());
        if (time.isPresent()) {
            return time.get();
        }
        try {
            return LocalDate.parse(t).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("--since '" + text + "' is not valid: write a duration (10m, 2h, "
                        + "1h30m, 1d) or a time (2026-11-27T10:00, 2026-11-27 10:00:00, 2026-11-27)");
            }
        }
    }
}
