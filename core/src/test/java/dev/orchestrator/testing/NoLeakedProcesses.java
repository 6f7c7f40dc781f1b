package dev.orchestrator.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails a test that leaves a process behind: one carrying the test's {@code ORCHESTRATOR_RUN} marker (reparented
 * grandchildren included) or a pid the test tracked, still alive (state letter not Z) after the test. Leaks are killed
 * by pid. Tests get their marker and base environment from an injected {@link TestProcesses} parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LeakCheckExtension.class)
public @interface NoLeakedProcesses {
}
