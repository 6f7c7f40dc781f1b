package dev.orchestrator.testing;

import dev.orchestrator.process.Posix;
import dev.orchestrator.process.ProcFs;
import dev.orchestrator.process.ProcStat;
import dev.orchestrator.process.Signal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** See {@link NoLeakedProcesses}. */
public final class LeakCheckExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LeakCheckExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        String runId = "test-" + UUID.randomUUID().toString().substring(0, 8);
        context.getStore(NS).put(TestProcesses.class, new TestProcesses(runId));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestProcesses procs = context.getStore(NS).get(TestProcesses.class, TestProcesses.class);
        Map<Integer, ProcStat> leaks = new LinkedHashMap<>();
        for (ProcStat s : ProcFs.withEnvironmentEntry("ORCHESTRATOR_RUN=" + procs.runId())) {
            leaks.put(s.pid(), s);
        }
        for (ProcStat s : procs.tracked()) {
            if (ProcFs.alive(s.pid(), s.startTicks())) {
                leaks.putIfAbsent(s.pid(), s);
            }
        }
        if (leaks.isEmpty()) {
            return;
        }
        String described = leaks.values().stream().map(s -> s.pid() + " (" + abbreviate(ProcFs.describe(s)) + ")")
                .collect(Collectors.joining(", "));
        leaks.keySet().forEach(pid -> Posix.kill(pid, Signal.SIGKILL.number()));
        throw new AssertionError("test '" + context.getDisplayName() + "' leaked " + leaks.size()
                + " process(es), now killed: " + described);
    }

    /** Command lines of JVM children are kilobytes of class path: keep the start and the end, where the main is. */
    private static String abbreviate(String command) {
        return command.length() <= 200 ? command : command.substring(0, 80) + " ... " + command.substring(
                command.length() - 100);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == TestProcesses.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return extension.getStore(NS).get(TestProcesses.class, TestProcesses.class);
    }
}
