package dev.orchestrator.plan;

import dev.orchestrator.descriptor.SourcePosition;

/** One app cannot be planned (missing env_file, unset ${VAR}, no interpreter): only that app fails. */
public final class PlanFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient SourcePosition position;

    public PlanFailure(SourcePosition position, String message) {
        super(message);
        this.position = position;
    }

    public SourcePosition position() {
        return position;
    }
}
