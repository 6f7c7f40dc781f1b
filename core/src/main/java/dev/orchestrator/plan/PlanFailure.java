package dev.orchestrator.plan;

import dev.orchestrator.descriptor.SourcePosition;

/** One app cannot be planned (missing env_file, unset ${VAR}, no interpreter): only that app fails. */
public final class PlanFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient SourcePosition position;
    private final String runtime;

    public PlanFailure(SourcePosition position, String message) {
        this(position, message, null);
    }

    private PlanFailure(SourcePosition position, String message, String runtime) {
        super(message);
        this.position = position;
        this.runtime = runtime;
    }

    /** The same failure, knowing which runtime was chosen before planning failed. */
    public PlanFailure withRuntime(String id) {
        return new PlanFailure(position, getMessage(), id);
    }

    public java.util.Optional<String> runtime() {
        return java.util.Optional.ofNullable(runtime);
    }

    public SourcePosition position() {
        return position;
    }
}
