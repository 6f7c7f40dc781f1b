package dev.orchestrator.spi;

import java.util.Objects;

/**
 * A plugin cannot plan an app: an interpreter or entry file is missing. Only that app fails; the message is shown as
 * {@code <problem>; <remedy>}, e.g. {@code pipenv not found on PATH; install it (apt-get install pipenv) or set interpreter:}.
 */
public final class PlanException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String problem;
    private final String remedy;

    public PlanException(String problem, String remedy) {
        super(problem + "; " + remedy);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.remedy = Objects.requireNonNull(remedy, "remedy");
    }

    public String problem() {
        return problem;
    }

    public String remedy() {
        return remedy;
    }
}
