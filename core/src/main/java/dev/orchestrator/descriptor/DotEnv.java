package dev.orchestrator.descriptor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a dotenv file ({@code env_file}): {@code KEY=value} lines, {@code export} prefixes, {@code #} comments, single
 * quotes (literal, never interpolated), double quotes (with {@code \n \" \\} escapes, may span lines), and inline
 * comments after unquoted values. Malformed lines are errors with their line number.
 */
public final class DotEnv {

    /**
     * @param values  the variables in file order
     * @param literal names whose values were single-quoted: {@code ${VAR}} in them stays as written
     */
    public record Contents(Map<String, Located<String>> values, Set<String> literal, List<Problem> problems) {
    }

    private DotEnv() {
    }

    public static Contents read(Path file) throws IOException {
        return parse(file, Files.readString(file));
    }

    public static Contents parse(Path file, String text) {
        Map<String, Located<String>> values = new LinkedHashMap<>();
        Set<String> literal = new LinkedHashSet<>();
        List<Problem> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            SourcePosition at = new SourcePosition(file, i + 1, 1);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).stripLeading();
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq).strip();
            if (eq < 0 || !Scalars.isEnvName(key)) {
                problems.add(Problem.error(at, "malformed line in env file: expected NAME=value, got '"
                        + abbreviate(line) + "'; fix the line or comment it out with #"));
                continue;
            }
            String rest = line.substring(eq + 1).stripLeading();
            if (rest.startsWith("\"")) {
                StringBuilder value = new StringBuilder();
                int end = readDoubleQuoted(rest, 1, value);
                while (end < 0 && i + 1 < lines.length) {
                    value.append('\n');
                    rest = lines[++i];
                    end = readDoubleQuoted(rest, 0, value);
                }
                if (end < 0) {
                    problems.add(Problem.error(at, "env file value of '" + key + "' opens a \" that is never "
                            + "closed; close the quote"));
                    continue;
                }
                values.put(key, new Located<>(value.toString(), at));
            } else if (rest.startsWith("'")) {
                int close = rest.indexOf('\'', 1);
                if (close < 0) {
                    problems.add(Problem.error(at, "env file value of '" + key + "' opens a ' that is never "
                            + "closed; close the quote"));
                    continue;
                }
                values.put(key, new Located<>(rest.substring(1, close), at));
                literal.add(key);
            } else {
                int comment = rest.indexOf(" #");
                values.put(key, new Located<>((comment >= 0 ? rest.substring(0, comment) : rest).strip(), at));
            }
        }
        return new Contents(values, literal, problems);
    }

    /** Appends the double-quoted text from {@code from}; returns the index after the closing quote, or -1. */
    private static int readDoubleQuoted(String text, int from, StringBuilder out) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return -1;
    }

    private static String abbreviate(String line) {
        return line.length() > 40 ? line.substring(0, 40) + "..." : line;
    }
}
