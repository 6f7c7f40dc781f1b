package dev.orchestrator.discovery;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One line of a gitignore-syntax file, compiled. Supports {@code #} comments, {@code !} negation, a trailing {@code /}
 * (folders only), a leading or middle {@code /} (anchored to the file's folder), {@code *}, {@code ?}, {@code **},
 * character classes ({@code [a-z]}, {@code [!a-z]}, {@code [[:digit:]]}) and backslash escapes, as git documents them.
 *
 * @param text    the line as written, trailing blanks removed; shown in {@code config --explain}
 * @param line    1-based line number in its file (or position in the {@code ignore:} list)
 * @param negated {@code !pattern}: re-includes what an earlier pattern excluded
 * @param dirOnly {@code pattern/}: matches folders only
 * @param regex   matched against the whole relative path when {@code anchored}, else against the last name
 */
public record IgnorePattern(String text, int line, boolean negated, boolean dirOnly, boolean anchored, Pattern regex) {

    private static final Map<String, String> POSIX_CLASSES = Map.of(
            "alpha", "\\p{Alpha}", "digit", "0-9", "alnum", "\\p{Alnum}", "upper", "\\p{Upper}",
            "lower", "\\p{Lower}", "space", "\\s", "punct", "\\p{Punct}", "xdigit", "0-9A-Fa-f",
            "blank", " \\t", "cntrl", "\\p{Cntrl}");

    public IgnorePattern {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(regex, "regex");
    }

    /** Compiles one line; empty for blank lines and comments. */
    public static Optional<IgnorePattern> parse(String rawLine, int lineNumber) {
        String body = stripTrailingBlanks(stripCr(rawLine));
        if (body.isEmpty() || body.startsWith("#")) {
            return Optional.empty();
        }
        String text = body;
        boolean negated = body.startsWith("!");
        if (negated) {
            body = body.substring(1);
        }
        boolean dirOnly = body.endsWith("/") && !body.endsWith("\\/");
        if (dirOnly) {
            body = body.substring(0, body.length() - 1);
        }
        if (body.isEmpty()) {
            return Optional.empty();
        }
        boolean anchored = body.indexOf('/') >= 0;
        if (body.startsWith("/")) {
            body = body.substring(1);
        }
        return Optional.of(new IgnorePattern(text, lineNumber, negated, dirOnly, anchored, Pattern.compile(toRegex(body))));
    }

    /**
     * Does this pattern match the path?
     *
     * @param relativePath the path relative to the ignore file's folder, {@code /}-separated, e.g. {@code a/b/c}
     * @param isDir        whether the path is a folder
     */
    public boolean matches(String relativePath, boolean isDir) {
        if (dirOnly && !isDir) {
            return false;
        }
        String subject = anchored ? relativePath : relativePath.substring(relativePath.lastIndexOf('/') + 1);
        return regex.matcher(subject).matches();
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Trailing spaces are ignored unless escaped with a backslash, as in git. */
    private static String stripTrailingBlanks(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            if (end >= 2 && s.charAt(end - 2) == '\\') {
                break;
            }
            end--;
        }
        return s.substring(0, end);
    }

    static String toRegex(String glob) {
        StringBuilder out = new StringBuilder();
        int n = glob.length();
        for (int i = 0; i < n; i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 < n) {
                        i++;
                    }
                    out.append(Pattern.quote(String.valueOf(glob.charAt(i))));
                }
                case '*' -> i = star(glob, i, out);
                case '?' -> out.append("[^/]");
                case '[' -> i = characterClass(glob, i, out);
                default -> out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return out.toString();
    }

    /** {@code **} is special only as a whole path segment; other runs of stars act like one {@code *}. */
    private static int star(String glob, int i, StringBuilder out) {
        int end = i;
        while (end < glob.length() && glob.charAt(end) == '*') {
            end++;
        }
        boolean segmentStart = i == 0 || glob.charAt(i - 1) == '/';
        boolean segmentEnd = end == glob.length() || glob.charAt(end) == '/';
        if (end - i >= 2 && segmentStart && segmentEnd) {
            if (end == glob.length()) {
                out.append(".*");
                return end - 1;
            }
            out.append("(?:.*/)?");
            return end; // swallow the '/' after "**"
        }
        out.append("[^/]*");
        return end - 1;
    }

    /** Copies {@code [...]} as a Java class that never matches {@code /}; an unclosed {@code [} is a literal. */
    private static int characterClass(String glob, int open, StringBuilder out) {
        int i = open + 1;
        boolean negate = i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^');
        if (negate) {
            i++;
        }
        StringBuilder body = new StringBuilder();
        boolean first = true;
        for (; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == ']' && !first) {
                out.append(negate ? "[^/" : "[").append(body).append(']');
                return i;
            }
            first = false;
            if (c == '[' && glob.startsWith("[:", i)) {
                int close = glob.indexOf(":]", i + 2);
                String name = close < 0 ? null : glob.substring(i + 2, close);
                if (name != null && POSIX_CLASSES.containsKey(name)) {
                    body.append(POSIX_CLASSES.get(name));
                    i = close + 1;
                    continue;
                }
            }
            if (c == '\\' && i + 1 < glob.length()) {
                c = glob.charAt(++i);
            }
            body.append(c == '-' ? "-" : (Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c));
        }
        out.append(Pattern.quote("["));
        return open;
    }
}
