package dev.orchestrator.cli.logfiles;

import java.util.List;
import java.util.Map;

/**
 * A stable colour per name for log prefixes, used when stdout is a terminal and {@code NO_COLOR} is unset
 * (https://no-color.org). The same name always gets the same colour, in every run and on every machine.
 */
public final class Palette {

    private static final List<String> COLOURS = List.of("36", "33", "32", "35", "34", "96", "93", "92", "95", "94");
    private static final String RESET = "\u001b[0m";

    private Palette() {
    }

    /** Whether to colour: a terminal on stdout and no (non-empty) {@code NO_COLOR}. */
    public static boolean enabled(boolean terminal, Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        return terminal && (noColor == null || noColor.isEmpty());
    }

    /** {@code name} in its colour. */
    public static String paint(String name) {
        return "\u001b[" + colourOf(name) + "m" + name + RESET;
    }

    /** Text in red, for stderr lines. */
    public static String red(String text) {
        return "\u001b[31m" + text + RESET;
    }

    static String colourOf(String name) {
        return COLOURS.get(Math.floorMod(name.hashCode(), COLOURS.size()));
    }
}
