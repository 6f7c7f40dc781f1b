package dev.orchestrator.spi;

import java.util.Objects;

/**
 * How sure a plugin is that a folder is one of its apps. {@code confidence} is 0 (not mine) to 100 (certain).
 *
 * @param confidence 0..100; 0 means no match
 * @param reason     why, in a few words, e.g. {@code "Pipfile and main.py"}; shown by {@code config --explain}
 */
public record Detection(int confidence, String reason) {

    /** A marker file that only this runtime uses (Pipfile, tsconfig.json). */
    public static final int CERTAIN = 100;
    /** An entry file this runtime conventionally uses (main.py, index.js). */
    public static final int LIKELY = 60;
    /** A weak hint (a lone script that could be anything). */
    public static final int POSSIBLE = 30;

    public Detection {
        Objects.requireNonNull(reason, "reason");
        if (confidence < 0 || confidence > 100) {
            throw new IllegalArgumentException("confidence must be 0..100, was " + confidence);
        }
    }

    public static Detection none(String reason) {
        return new Detection(0, reason);
    }

    public static Detection of(int confidence, String reason) {
        return new Detection(confidence, reason);
    }

    public boolean matched() {
        return confidence > 0;
    }
}
