package dev.orchestrator.discovery;

/** What discovery decided about one folder, for {@code config --explain}. */
public enum Verdict {
    /** The folder holds a descriptor: it runs the apps the descriptor names. */
    DESCRIPTOR,
    /** No descriptor; one runtime plugin recognised it most confidently: it runs with that runtime's defaults. */
    DROP_IN,
    /** No descriptor; two or more plugins are equally sure: not started until a descriptor names {@code runtime}. */
    TIE,
    /** A candidate no plugin recognised (or detection is off). */
    NOT_RECOGNISED,
    /** Never walked: a built-in skip ({@code node_modules}, the logs folder...), a symlink loop or an unreadable folder. */
    SKIPPED,
    /** Never walked: matched by {@code ignore:} or a {@code .orchestratorignore}. */
    IGNORED,
    /** Would be a drop-in, but an enabled app's {@code service:} names it, so that app runs it instead. */
    CLAIMED,
    /** A first-level folder no plugin recognised: its sub-folders are the candidates. */
    GROUP
}
