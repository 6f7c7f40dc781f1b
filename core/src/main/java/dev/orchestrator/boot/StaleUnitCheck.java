package dev.orchestrator.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether an installed unit still gives {@code up} enough time to stop: a kill_timeout raised after {@code startup}
 * would otherwise let systemd SIGKILL the orchestrator halfway through stopping the apps.
 */
public final class StaleUnitCheck {

    /** systemd's DefaultTimeoutStopSec, used when the unit sets none. */
    static final Duration SYSTEMD_DEFAULT = Duration.ofSeconds(90);

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]*)");

    private StaleUnitCheck() {
    }

    /**
     * @param unitFile the installed unit (absent: nothing to say)
     * @param needed   what stopping this project takes now ({@link StopBudget#needed})
     * @return a warning for {@code up} to print, when the unit's TimeoutStopSec is shorter than needed or unreadable
     */
    public static Optional<String> check(Path unitFile, Duration needed) {
        if (!Files.isRegularFile(unitFile)) {
            return Optional.empty();
        }
        try {
            return check(unitFile, Files.readString(unitFile), needed);
        } catch (IOException e) {
            return Optional.of("systemd unit " + unitFile + " cannot be read (" + e.getMessage() + "); check its "
                    + "permissions");
        }
    }

    static Optional<String> check(Path unitFile, String text, Duration needed) {
        String value = null;
        for (String line : text.lines().map(String::strip).toList()) {
            if (line.startsWith("TimeoutStopSec=")) {
                value = line.substring("TimeoutStopSec=".length()).strip(); // the last assignment wins
            }
        }
        Optional<Duration> timeout = value == null ? Optional.of(SYSTEMD_DEFAULT) : parse(value);
        String shown = value == null ? "no TimeoutStopSec (systemd's default, 90s)" : "TimeoutStopSec=" + value;
        String remedy = "; run 'orchestrator startup' again to rewrite it, then 'systemctl daemon-reload' "
                + "(with --user for a user unit)";
        if (timeout.isEmpty()) {
            return Optional.of("systemd unit " + unitFile + " has " + shown + ", which is not a time span this "
                    + "check understands" + remedy);
        }
        if (timeout.get().compareTo(needed) >= 0) {
            return Optional.empty();
        }
        return Optional.of("systemd unit " + unitFile + " has " + shown + ", but stopping every app can take "
                + SystemdUnit.seconds(needed) + "s (the slowest kill_timeout plus " + StopBudget.MARGIN.toSeconds()
                + "s): systemd would SIGKILL the orchestrator in the middle of stopping" + remedy);
    }

    /** A systemd time span: {@code 40}, {@code 40s}, {@code 1min 30s}, {@code 500ms}, {@code 2h}; infinity is max. */
    static Optional<Duration> parse(String span) {
        String text = span.toLowerCase(Locale.ROOT).strip();
        if (text.equals("infinity")) {
            return Optional.of(Duration.ofSeconds(Long.MAX_VALUE / 2));
        }
        Matcher m = PART.matcher(text);
        long micros = 0;
        int end = 0;
        while (m.find()) {
            if (!text.substring(end, m.start()).isBlank()) {
                return Optional.empty();
            }
            Long unit = unitMicros(m.group(2));
            if (unit == null) {
                return Optional.empty();
            }
            micros += (long) (Double.parseDouble(m.group(1)) * unit);
            end = m.end();
        }
        return end == text.length() && end > 0 ? Optional.of(Duration.ofNanos(micros * 1000)) : Optional.empty();
    }

    private static Long unitMicros(String unit) {
        return switch (unit) {
            case "us", "usec" -> 1L;
            case "ms", "msec" -> 1_000L;
            case "", "s", "sec", "second", "seconds" -> 1_000_000L;
            case "m", "min", "minute", "minutes" -> 60_000_000L;
            case "h", "hr", "hour", "hours" -> 3_600_000_000L;
            case "d", "day", "days" -> 86_400_000_000L;
            default -> null;
        };
    }
}
