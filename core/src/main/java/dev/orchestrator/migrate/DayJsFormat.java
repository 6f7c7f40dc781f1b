package dev.orchestrator.migrate;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * PM2's {@code log_date_format} is a day.js pattern ({@code YYYY-MM-DD HH:mm:ss Z}); ours is a java.time pattern
 * ({@code yyyy-MM-dd HH:mm:ss xxx}). Converts the common tokens; anything else is refused rather than guessed.
 */
final class DayJsFormat {

    /** day.js token -> java.time pattern, longest first so YYYY wins over YY. */
    private static final List<String[]> TOKENS = List.of(
            new String[] {"YYYY", "yyyy"}, new String[] {"YY", "yy"},
            new String[] {"MMMM", "MMMM"}, new String[] {"MMM", "MMM"}, new String[] {"MM", "MM"},
            new String[] {"M", "M"},
            new String[] {"DD", "dd"}, new String[] {"D", "d"},
            new String[] {"dddd", "EEEE"}, new String[] {"ddd", "EEE"},
            new String[] {"HH", "HH"}, new String[] {"H", "H"}, new String[] {"hh", "hh"}, new String[] {"h", "h"},
            new String[] {"mm", "mm"}, new String[] {"m", "m"}, new String[] {"ss", "ss"}, new String[] {"s", "s"},
            new String[] {"SSS", "SSS"}, new String[] {"SS", "SS"}, new String[] {"S", "S"},
            new String[] {"A", "a"}, new String[] {"a", "a"},
            new String[] {"ZZ", "xx"}, new String[] {"Z", "xxx"});

    private DayJsFormat() {
    }

    /** The java.time pattern for a day.js one; empty when a token has no equivalent. */
    static Optional<String> toJavaTime(String dayjs) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < dayjs.length()) {
            char c = dayjs.charAt(i);
            if (c == '[') {
                int close = dayjs.indexOf(']', i);
                if (close < 0) {
                    return Optional.empty();
                }
                out.append(quoted(dayjs.substring(i + 1, close)));
                i = close + 1;
                continue;
            }
            String[] token = token(dayjs, i);
            if (token != null) {
                out.append(token[1]);
                i += token[0].length();
            } else if (Character.isLetter(c)) {
                if (c != 'T') {
                    return Optional.empty(); // an unknown day.js token (Q, X, x, w...): do not guess
                }
                out.append("'T'");
                i++;
            } else {
                out.append(c == '\'' ? "''" : String.valueOf(c));
                i++;
            }
        }
        try {
            DateTimeFormatter.ofPattern(out.toString());
            return Optional.of(out.toString());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String[] token(String text, int at) {
        for (String[] token : TOKENS) {
            if (text.startsWith(token[0], at)) {
                return token;
            }
        }
        return null;
    }

    private static String quoted(String literal) {
        return literal.isEmpty() ? "" : "'" + literal.replace("'", "''") + "'";
    }
}
