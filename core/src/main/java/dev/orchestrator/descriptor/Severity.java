package dev.orchestrator.descriptor;

/** How bad a problem is: an error keeps the apps involved from running; a warning is only shown. */
public enum Severity {
    ERROR, WARNING;

    /** The word used in compiler-style output: {@code error} or {@code warning}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
