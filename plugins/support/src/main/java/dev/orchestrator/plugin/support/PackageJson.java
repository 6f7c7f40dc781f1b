package dev.orchestrator.plugin.support;

import dev.orchestrator.spi.HostContext;
import dev.orchestrator.spi.PlanException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The top-level {@code "main"} of a package.json, and the file it names. Hand-written, since plugins depend on nothing
 * but the SPI: a small strict JSON scanner that reads every value (strings with escapes, nested objects and arrays)
 * but keeps only {@code main}, so a {@code "main"} key nested in another object is never mistaken for it.
 *
 * <p>Stability: internal to the built-in plugins; third-party plugins may use it but it is not the SPI. Since 0.1.0.
 */
public final class PackageJson {

    /**
     * What {@code main} names, and the file node would load for it ({@code lib} -> {@code lib/index.js}).
     *
     * @param value  the {@code main} string as written
     * @param file   the file node would load, empty when none exists
     * @param folder whether {@code main} names a folder (its index file is {@code file})
     */
    public record Main(String value, Optional<Path> file, boolean folder) {
    }

    /** Node's order for a main without an extension, then for a folder. */
    private static final List<String> EXTENSIONS = List.of("", ".js", ".mjs", ".cjs");
    private static final List<String> INDEXES = List.of("index.js", "index.mjs", "index.cjs");

    private final String text;
    private int pos;

    private PackageJson(String text) {
        this.text = text;
    }

    /**
     * The main of {@code dir/package.json}; empty when there is no package.json or it has no string main. Fails when the
     * file cannot be read or is not valid JSON, naming {@code dir} relative to the project root. Files are probed
     * through {@code host}.
     */
    public static Optional<Main> mainOf(Path dir, HostContext host) throws PlanException {
        Path root = host.projectRoot();
        Path file = dir.resolve("package.json");
        if (!host.isFile(dir, "package.json")) {
            return Optional.empty();
        }
        String json;
        try {
            json = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PlanException("cannot read " + file + ": " + e.getMessage(), "check its permissions");
        }
        try {
            return main(json).map(value -> resolve(dir, value, host));
        } catch (IllegalArgumentException e) {
            throw new PlanException("package.json in " + Folders.shown(dir, root) + " is not valid JSON: " + e.getMessage(),
                    "fix the file (node refuses it too)");
        }
    }

    /** The top-level {@code main} string of a JSON document; throws {@link IllegalArgumentException} on bad JSON. */
    public static Optional<String> main(String json) {
        PackageJson reader = new PackageJson(json.startsWith("\uFEFF") ? json.substring(1) : json);
        Optional<String> main = reader.topLevelMain();
        reader.space();
        if (reader.pos < reader.text.length()) {
            throw reader.error("unexpected text after the end");
        }
        return main;
    }

    private static Main resolve(Path dir, String value, HostContext host) {
        Path base = dir.resolve(value).normalize();
        boolean namesFolder = value.endsWith("/") || base.equals(dir.normalize()); // "lib/", ".", "./"
        for (String extension : namesFolder ? List.<String>of() : EXTENSIONS) {
            Path candidate = base.resolveSibling(base.getFileName() + extension);
            if (Folders.isFile(host, candidate)) {
                return new Main(value, Optional.of(candidate), false);
            }
        }
        for (String index : INDEXES) {
            if (host.isFile(base, index)) {
                return new Main(value, Optional.of(base.resolve(index)), true);
            }
        }
        return new Main(value, Optional.empty(), Folders.isDirectory(host, base));
    }

    private Optional<String> topLevelMain() {
        Optional<String> main = Optional.empty();
        space();
        expect('{');
        space();
        if (peek() == '}') {
            pos++;
            return main;
        }
        while (true) {
            space();
            String key = string();
            space();
            expect(':');
            space();
            if (key.equals("main") && peek() == '"') {
                main = Optional.of(string()); // a repeated key: the last one wins, as in JSON.parse
            } else {
                if (key.equals("main")) {
                    main = Optional.empty();
                }
                value();
            }
            space();
            if (peek() == ',') {
                pos++;
            } else {
                expect('}');
                return main;
            }
        }
    }

    private void value() {
        switch (peek()) {
            case '"' -> string();
            case '{' -> container('{', '}', true);
            case '[' -> container('[', ']', false);
            default -> literal();
        }
    }

    /** An object (keyed) or array; skips its members. */
    private void container(char open, char close, boolean keyed) {
        expect(open);
        space();
        if (peek() == close) {
            pos++;
            return;
        }
        while (true) {
            space();
            if (keyed) {
                string();
                space();
                expect(':');
                space();
            }
            value();
            space();
            if (peek() == ',') {
                pos++;
            } else {
                expect(close);
                return;
            }
        }
    }

    private void literal() {
        int start = pos;
        while (pos < text.length() && "+-.0123456789eEtruefalsn".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String word = text.substring(start, pos);
        if (!(word.equals("true") || word.equals("false") || word.equals("null")
                || word.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?"))) {
            pos = start;
            throw error("expected a value");
        }
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next("an unterminated string");
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("a control character in a string");
            }
            out.append(c == '\\' ? escape() : c);
        }
    }

    private char escape() {
        char c = next("an unterminated escape");
        return switch (c) {
            case '"', '\\', '/' -> c;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                if (pos + 4 > text.length() || !text.substring(pos, pos + 4).matches("[0-9a-fA-F]{4}")) {
                    throw error("a bad \\u escape");
                }
                pos += 4;
                yield (char) Integer.parseInt(text.substring(pos - 4, pos), 16);
            }
            default -> throw error("a bad escape \\" + c);
        };
    }

    private void space() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next(String whatIfMissing) {
        if (pos >= text.length()) {
            throw error(whatIfMissing);
        }
        return text.charAt(pos++);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private IllegalArgumentException error(String what) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new IllegalArgumentException(what + " at line " + line + ", column " + column);
    }
}
