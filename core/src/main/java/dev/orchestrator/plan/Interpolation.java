package dev.orchestrator.plan;

import java.util.Optional;
import java.util.function.Function;

/**
 * {@code ${VAR}} and {@code ${VAR:-default}} in env values, args, cwd and script, resolved against the layers below.
 * {@code $$} writes a literal {@code $}. A variable that is unset and has no default is an error (the app fails with a
 * message naming it) rather than an empty string that breaks the app later.
 */
public final class Interpolation {

    /** A reference to a variable that is not set and has no default. */
    public static final class UnsetVariableException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String variable;

        UnsetVariableException(String variable, String text) {
            super("variable '" + variable + "' is not set (in '" + text + "'); set it in env:, an env_file or the "
                    + "orchestrator's environment, or write ${" + variable + ":-default}");
            this.variable = variable;
        }

        public String variable() {
            return variable;
        }
    }

    private Interpolation() {
    }

    public static String resolve(String text, Function<String, Optional<String>> lookup) throws UnsetVariableException {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    out.append(text, i, text.length());
                    break;
                }
                out.append(substitute(text.substring(i + 2, close), text, lookup));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String substitute(String expression, String text, Function<String, Optional<String>> lookup)
            throws UnsetVariableException {
        int sep = expression.indexOf(":-");
        String name = sep < 0 ? expression : expression.substring(0, sep);
        Optional<String> value = lookup.apply(name).filter(v -> sep < 0 || !v.isEmpty());
        if (value.isPresent()) {
            return value.get();
        }
        if (sep >= 0) {
            return expression.substring(sep + 2);
        }
        throw new UnsetVariableException(name, text);
    }
}
