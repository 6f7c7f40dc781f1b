package dev.orchestrator.descriptor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the scalar forms descriptors accept. Each returns empty for text it does not accept. */
public final class Scalars {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");
    private static final Pattern MEMORY = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMG]?)B?", Pattern.CASE_INSENSITIVE);
    private static final Set<String> YAML11_BOOLEANS =
            Set.of("yes", "no", "on", "off", "y", "n", "True", "False", "TRUE", "FALSE", "Yes", "No", "On", "Off",
                    "YES", "NO", "ON", "OFF");
    private static final List<String> SIGNALS = List.of("SIGHUP", "SIGINT", "SIGQUIT", "SIGKILL", "SIGUSR1",
            "SIGUSR2", "SIGTERM", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGWINCH", "SIGALRM", "SIGPWR");

    private Scalars() {
    }

    public static boolean isName(String text) {
        return NAME.matcher(text).matches();
    }

    public static boolean isEnvName(String text) {
        return ENV_NAME.matcher(text).matches();
    }

    public static Optional<Boolean> bool(String text) {
        return switch (text) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** yes/no/on/off and friends: YAML 1.1 booleans that we refuse with a hint rather than guess. */
    public static boolean isYaml11Boolean(String text) {
        return YAML11_BOOLEANS.contains(text);
    }

    /** Milliseconds as a bare number, or with a unit: {@code 500ms}, {@code 10s}, {@code 1.5m}, {@code 2h}. */
    public static Optional<Duration> duration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        double millis = switch (unit) {
            case "s" -> amount * 1000;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount;
        };
        return Optional.of(Duration.ofMillis(Math.round(millis)));
    }

    /** Bytes as a bare number, or with K, M or G (1024-based), an optional B: {@code 200M}, {@code 1G}, {@code 512KB}. */
    public static Optional<Long> memory(String text) {
        Matcher m = MEMORY.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        double amount = Double.parseDouble(m.group(1));
        long factor = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 1024L;
            case "M" -> 1024L * 1024;
            case "G" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return Optional.of(Math.round(amount * factor));
    }

    public static Optional<Integer> count(String text) {
        try {
            int value = Integer.parseInt(text.trim());
            return value >= 0 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code TERM}, {@code sigterm} or {@code SIGTERM} -> {@code SIGTERM}; empty for names we do not send. */
    public static Optional<String> signal(String text) {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        String name = upper.startsWith("SIG") ? upper : "SIG" + upper;
        return SIGNALS.contains(name) ? Optional.of(name) : Optional.empty();
    }

    /** Five whitespace-separated fields of cron characters; the schedule itself is checked when cron lands. */
    public static boolean looksLikeCron(String text) {
        String[] fields = text.trim().split("\\s+");
        if (fields.length != 5) {
            return false;
        }
        for (String field : fields) {
            if (!field.matches("[0-9A-Za-z*/,?LW#-]+")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Splits one string into arguments the way a shell would for words and quotes (no expansion): {@code a "b c" 'd'}
     * gives {@code [a, b c, d]}. Empty when a quote is not closed.
     */
    public static Optional<List<String>> splitArgs(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
                    current.append(text.charAt(++i));
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(current.toString());
                    current.setLength(0);
                    inWord = false;
                }
            } else if (c == '\\' && i + 1 < text.length()) {
                current.append(text.charAt(++i));
                inWord = true;
            } else {
                current.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            return Optional.empty();
        }
        if (inWord) {
            out.add(current.toString());
        }
        return Optional.of(out);
    }
}
