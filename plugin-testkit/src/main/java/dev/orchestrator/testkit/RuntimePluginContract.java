package dev.orchestrator.testkit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.orchestrator.spi.Detection;
import dev.orchestrator.spi.HostContext;
import dev.orchestrator.spi.LaunchPlan;
import dev.orchestrator.spi.LaunchRequest;
import dev.orchestrator.spi.PlanException;
import dev.orchestrator.spi.RuntimePlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime plugin contract as tests: extend this class in your plugin's tests, say how to create the plugin, write
 * an app it can plan, and describe a machine with and without its interpreter. The tests check what the orchestrator
 * relies on (docs/plugins.md): a stable lower-case id, the SPI version, {@code detect} that never throws, {@code plan}
 * that neither spawns nor writes, keeps no state, names a program, and fails with a remedy when the interpreter is
 * missing.
 *
 * <pre>{@code
 * class DenoPluginContractTest extends RuntimePluginContract {
 *     protected RuntimePlugin newPlugin() { return new DenoPlugin(); }
 *     protected void writeApp(Path dir) throws IOException { Files.writeString(dir.resolve("main.ts"), "..."); }
 *     protected FakeHost hostWithInterpreter(Path root) { return FakeHost.of(root).withTool("deno", Path.of("/usr/bin/deno")); }
 * }
 * }</pre>
 *
 * Every test method takes its own temporary folder, so you can also call one directly.
 *
 * @since SPI 1
 */
public abstract class RuntimePluginContract {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_.-]*");

    /** A new instance, as {@link java.util.ServiceLoader} would create it (through the public no-arg constructor). */
    protected abstract RuntimePlugin newPlugin();

    /** Writes an app this plugin can plan into the empty folder {@code dir}. */
    protected abstract void writeApp(Path dir) throws IOException;

    /** A machine where everything the plugin needs is on PATH, e.g. {@code FakeHost.of(root).withTool("java", path)}. */
    protected abstract FakeHost hostWithInterpreter(Path projectRoot);

    /** A machine where the plugin's interpreter is missing; by default nothing is on PATH. */
    protected FakeHost hostWithoutInterpreter(Path projectRoot) {
        return FakeHost.of(projectRoot);
    }

    /** The request the host would send for the app in {@code appDir}; override to add {@code script:} or args. */
    protected LaunchRequest request(Path appDir, HostContext host) {
        return new LaunchRequest("app", appDir, Optional.empty(), List.of(), Optional.empty(), List.of(),
                Map.of("PATH", "/usr/bin:/bin"), host);
    }

    @Test
    public void idIsLowerCaseAndTheSameEveryTime() {
        RuntimePlugin plugin = newPlugin();
        String id = plugin.id();
        assertNotNull(id, "id() returned null");
        assertTrue(ID.matcher(id).matches(), "id '" + id + "' must match " + ID + ": users write it in runtime:");
        assertEquals(id, plugin.id(), "id() must return the same value on every call");
        assertEquals(id, newPlugin().id(), "id() must not depend on the instance");
    }

    @Test
    public void spiVersionIsTheOneThisSpiDefines() {
        assertEquals(RuntimePlugin.SPI_VERSION, newPlugin().spiVersion(),
                "spiVersion() must return RuntimePlugin.SPI_VERSION, compiled into the plugin");
    }

    @Test
    public void detectionHintsAndVersionAreAnswered() {
        RuntimePlugin plugin = newPlugin();
        assertNotNull(plugin.detectionHints(), "detectionHints() returned null; return List.of() for none");
        assertNotNull(plugin.version(), "version() returned null");
    }

    @Test
    public void detectOnAnEmptyFolderIsNotAMatch(@TempDir Path temp) throws IOException {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        Detection detection = newPlugin().detect(empty, hostWithInterpreter(temp));
        assertNotNull(detection, "detect() returned null; return Detection.none(reason)");
        assertFalse(detection.matched(), "an empty folder is nobody's app, but detect() said " + detection);
    }

    @Test
    public void detectNeverThrowsOnOddFolders(@TempDir Path temp) throws IOException {
        RuntimePlugin plugin = newPlugin();
        HostContext host = hostWithInterpreter(temp);
        List<Path> odd = OddFolders.create(temp.resolve("odd"), plugin.detectionHints());
        assertAll(odd.stream().map(folder -> () -> {
            Detection d = assertDoesNotThrow(() -> plugin.detect(folder, host), "detect() threw on " + folder);
            assertNotNull(d, "detect() returned null on " + folder);
        }));
    }

    @Test
    public void planNeitherSpawnsNorWrites(@TempDir Path temp) throws IOException {
        Path app = Files.createDirectories(temp.resolve("app"));
        writeApp(app);
        RuntimePlugin plugin = newPlugin();
        LaunchRequest request = request(app, hostWithInterpreter(temp));
        Map<String, String> before = FolderSnapshot.of(temp);
        List<String> started;
        try (ProcessStarts starts = new ProcessStarts(plugin.getClass())) {
            plan(plugin, request);
            started = starts.stop();
        }
        assertEquals(List.of(), started, "plan() must not start processes; ask the HostContext what you need to know");
        assertEquals(before, FolderSnapshot.of(temp), "plan() must not write files");
    }

    @Test
    public void planNamesAProgramAndIsTheSameEveryTime(@TempDir Path temp) throws IOException {
        Path app = Files.createDirectories(temp.resolve("app"));
        writeApp(app);
        LaunchPlan first = plan(newPlugin(), request(app, hostWithInterpreter(temp)));
        assertFalse(first.argv().getFirst().isBlank(), "argv[0] is blank: it must name the program to exec");
        assertTrue(first.argv().stream().allMatch(a -> a != null), "argv has a null element: " + first.argv());
        RuntimePlugin reused = newPlugin();
        LaunchPlan again = plan(reused, request(app, hostWithInterpreter(temp)));
        assertEquals(again, plan(reused, request(app, hostWithInterpreter(temp))),
                "plan() must give the same plan for the same request: keep no state across calls");
        assertEquals(first, again, "plan() must not depend on the instance");
    }

    @Test
    public void aMissingInterpreterIsAPlanExceptionWithARemedy(@TempDir Path temp) throws IOException {
        Path app = Files.createDirectories(temp.resolve("app"));
        writeApp(app);
        LaunchRequest request = request(app, hostWithoutInterpreter(temp));
        PlanException e = assertThrows(PlanException.class, () -> newPlugin().plan(request),
                "with the interpreter missing, plan() must throw PlanException (only this app fails)");
        assertFalse(e.problem().isBlank(), "PlanException needs a problem, e.g. 'deno not found on PATH'");
        assertFalse(e.remedy().isBlank(), "PlanException needs a remedy, e.g. 'install it or set interpreter:'");
    }

    private static LaunchPlan plan(RuntimePlugin plugin, LaunchRequest request) {
        try {
            LaunchPlan plan = plugin.plan(request);
            assertNotNull(plan, "plan() returned null");
            return plan;
        } catch (PlanException e) {
            return fail("plan() failed on the app writeApp wrote, with hostWithInterpreter: " + e.getMessage(), e);
        }
    }
}
