package dev.orchestrator.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.plan.ProjectLoader;
import dev.orchestrator.plan.ProjectPlan;
import dev.orchestrator.plugin.PluginRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hot reload over a real temporary project with a recording {@link AppControl}: no process is started. */
class HotReloaderTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path tmp;

    private Path root;
    private Path staging;
    private final RecordingControl control = new RecordingControl();
    private final List<String> report = new CopyOnWriteArrayList<>();
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();
    private ProjectLoader loader;
    private HotReloader reloader;

    @BeforeEach
    void project() throws IOException {
        root = tmp.toRealPath();
        staging = Files.createDirectories(root.resolve("staging")); // outside the scan roots: not watched
        Files.createDirectories(root.resolve("services"));
        loader = new ProjectLoader(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")),
                PluginRegistry.load(HotReloaderTest.class.getClassLoader()));
    }

    @AfterEach
    void stop() {
        if (reloader != null) {
            reloader.close();
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive()
                && t.getName().startsWith("orchestrator-") && t.getName().contains("watch")
                || t.isAlive() && t.getName().equals("orchestrator-reload"));
    }

    /** Writes a file the way editors save: a temp file renamed over the target, so no reader sees half of it. */
    private void save(Path file, String text) throws IOException {
        Path temp = Files.createTempFile(staging, "save", ".tmp");
        Files.writeString(temp, text);
        Files.createDirectories(file.getParent());
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String descriptor(String name, String extra) {
        return "name: " + name + "\nruntime: shell\nscript: run.sh\n" + extra;
    }

    /** A service folder built aside and renamed into services/, as a copy or a git checkout lands. */
    private void dropService(String name, String extra) throws IOException {
        Path aside = Files.createDirectories(staging.resolve(name));
        Files.writeString(aside.resolve("run.sh"), "#!/bin/sh\nsleep 1000\n");
        Files.writeString(aside.resolve("ecosystem.yaml"), descriptor(name, extra));
        Files.move(aside, root.resolve("services/" + name), StandardCopyOption.ATOMIC_MOVE);
    }

    private void startWatching() throws IOException {
        ProjectPlan running = loader.load(root);
        reloader = new HotReloader(loader, control, report::add, () -> Set.copyOf(stopped), Duration.ofMillis(100),
                InstantSource.system());
        reloader.start(running);
        reloader.idle().join(); // the catch-up reload of start() is done: what follows is the test's own edit
    }

    private void awaitCall(String call) {
        await().atMost(WAIT).until(() -> control.calls.contains(call));
    }

    @Test
    void aDroppedServiceFolderIsStarted() throws IOException {
        dropService("a", "");
        startWatching();

        dropService("b", "");

        awaitCall("start b");
        assertThat(control.calls).containsExactly("start b");
        assertThat(report).containsExactly("+ started b");
        assertThat(reloader.state().applied()).containsOnlyKeys("a", "b");
    }

    @Test
    void anEditMadeWhileTheSupervisorStartedIsCaughtUpWithWatch() throws IOException {
        dropService("a", "");
        ProjectPlan running = loader.load(root);
        dropService("b", ""); // after the plan, before the watch: only start()'s catch-up reload can see it

        reloader = new HotReloader(loader, control, report::add, () -> Set.copyOf(stopped), Duration.ofMillis(100),
                InstantSource.system());
        reloader.start(running);
        reloader.idle().join();

        assertThat(control.calls).containsExactly("start b");
    }

    @Test
    void withoutWatchStartLoadsNothingAgain() throws IOException {
        dropService("a", "");
        ProjectPlan running = loader.load(root);
        dropService("b", "");

        reloader = new HotReloader(loader, control, report::add, () -> Set.copyOf(stopped), Duration.ofMillis(100),
                InstantSource.system());
        reloader.reloadOnTreeChange(false);
        reloader.start(running);
        reloader.idle().join();

        assertThat(control.calls).isEmpty();
        assertThat(reloader.state().applied()).containsOnlyKeys("a");
    }

    @Test
    void withoutWatchTheTreeIsWatchedOnlyOnceAnAppAsksForIt() throws IOException {
        dropService("a", "");
        reloader = new HotReloader(loader, control, report::add, () -> Set.copyOf(stopped), Duration.ofMillis(100),
                InstantSource.system());
        reloader.reloadOnTreeChange(false);
        reloader.start(loader.load(root));
        assertThat(treeWatchThreads()).isZero();

        save(root.resolve("services/a/ecosystem.yaml"), descriptor("a", "watch: true\nwatch_delay: 100\n"));
        reloader.reloadNow().join(); // restarts a for its new descriptor
        assertThat(treeWatchThreads()).isOne();
        Files.writeString(root.resolve("services/a/data.txt"), "x");

        await().atMost(WAIT).until(() -> report.contains("~ restarting a (services/a/data.txt changed)"));
        assertThat(control.calls).containsExactly("restart a", "restart a");
    }

    private static long treeWatchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("orchestrator-tree-watch")).count();
    }

    @Test
    void editingOneAppsEnvRestartsOnlyThatApp() throws IOException {
        dropService("a", "env:\n  PORT: \"1\"\n");
        dropService("b", "");
        startWatching();

        save(root.resolve("services/a/ecosystem.yaml"), descriptor("a", "env:\n  PORT: \"2\"\n"));

        awaitCall("restart a");
        assertThat(control.calls).containsExactly("restart a");
        assertThat(control.specs.get("a").env()).containsEntry("PORT", "2");
        assertThat(report).containsExactly("~ restarting a (env.PORT changed)");
    }

    @Test
    void aBrokenDescriptorStopsNothingAndItsFixIsApplied() throws IOException {
        dropService("a", "");
        dropService("b", "");
        startWatching();

        save(root.resolve("services/a/ecosystem.yaml"), descriptor("a", "scirpt: run.sh\n"));
        await().atMost(WAIT).until(() -> report.stream().anyMatch(l -> l.startsWith("! keeping a")));
        save(root.resolve("services/b/ecosystem.yaml"), descriptor("b", "env:\n  X: \"1\"\n"));
        awaitCall("restart b");
        assertThat(control.calls).containsExactly("restart b");

        save(root.resolve("services/a/ecosystem.yaml"), descriptor("a", "env:\n  FIXED: \"yes\"\n"));
        awaitCall("restart a");

        assertThat(report).containsExactly(
                "! keeping a at its last valid version: services/a/ecosystem.yaml:4:1: error: unknown key 'scirpt';"
                        + " did you mean 'script'?",
                "~ restarting b (env.X added)",
                "~ restarting a (env.FIXED added)");
    }

    @Test
    void anEmptyDescriptorStopsNothing() throws IOException {
        dropService("a", "");
        startWatching();

        Files.writeString(root.resolve("services/a/ecosystem.yaml"), "");

        await().atMost(WAIT).until(() -> report.stream().anyMatch(l -> l.startsWith("! keeping a")));
        assertThat(control.calls).isEmpty();
        assertThat(reloader.state().applied()).containsKey("a");
    }

    @Test
    void aDeletedServiceFolderIsStopped() throws IOException {
        dropService("a", "");
        dropService("b", "");
        startWatching();

        deleteTree(root.resolve("services/b"));

        awaitCall("stop b");
        assertThat(control.calls).containsExactly("stop b");
        assertThat(report).containsExactly("- stopped b");
    }

    @Test
    void raisingInstancesScalesWithoutRestarting() throws IOException {
        dropService("a", "");
        startWatching();

        save(root.resolve("services/a/ecosystem.yaml"), descriptor("a", "instances: 3\n"));

        awaitCall("scale a 1 -> 3");
        assertThat(control.calls).containsExactly("scale a 1 -> 3");
        assertThat(report).containsExactly("^ scaling a 1 -> 3");
    }

    @Test
    void anAppTheUserStoppedIsUpdatedButNotStarted() throws IOException {
        dropService("a", "");
        startWatching();
        stopped.add("a");

        save(root.resolve("services/a/ecosystem.yaml"), descriptor("a", "env:\n  X: \"1\"\n"));

        awaitCall("update a");
        assertThat(control.calls).containsExactly("update a");
    }

    @Test
    void anAppThatFailedToPlanIsRetriedWhenItsEnvFileAppears() throws IOException {
        dropService("a", "env_file: .env\n");
        startWatching();
        assertThat(reloader.state().failed()).containsKey("a");

        save(root.resolve("services/a/.env"), "TOKEN=x\n");

        awaitCall("start a");
        assertThat(report).containsExactly("+ started a (it plans now)");
        assertThat(control.specs.get("a").env()).containsEntry("TOKEN", "x");
    }

    @Test
    void aWatchedSourceChangeRestartsTheAppAndNamesTheFile() throws IOException {
        dropService("a", "watch: true\nwatch_delay: 100\n");
        startWatching();

        Files.writeString(root.resolve("services/a/data.txt"), "x");

        awaitCall("restart a");
        assertThat(report).containsExactly("~ restarting a (services/a/data.txt changed)");
    }

    @Test
    void editingTheDescriptorOfAWatchedAppRestartsItOnceNotAlsoThroughItsSourceWatch() throws IOException {
        dropService("a", "watch: true\nwatch_delay: 100\n");
        startWatching();

        save(root.resolve("services/a/ecosystem.yaml"), descriptor("a", "watch: true\nwatch_delay: 100\n"
                + "env:\n  X: \"1\"\n"));

        awaitCall("restart a");
        await().during(Duration.ofMillis(600)).atMost(WAIT).until(() -> control.calls.size() == 1);
        assertThat(report).containsExactly("~ restarting a (env.X added)");
    }

    @Test
    void aChangeDuringAReloadIsAppliedAfterIt() throws IOException {
        dropService("a", "");
        dropService("b", "");
        startWatching();
        CompletableFuture<Void> slowRestart = new CompletableFuture<>();
        control.restartResult = slowRestart;

        save(root.resolve("services/a/ecosystem.yaml"), descriptor("a", "env:\n  X: \"1\"\n"));
        awaitCall("restart a");
        save(root.resolve("services/b/ecosystem.yaml"), descriptor("b", "env:\n  X: \"1\"\n"));
        await().during(Duration.ofMillis(800)).atMost(WAIT).until(() -> !control.calls.contains("restart b"));
        control.restartResult = null;
        slowRestart.complete(null);

        awaitCall("restart b");
        assertThat(control.calls).containsExactly("restart a", "restart b");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
