package dev.orchestrator.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.discovery.ProjectLayout;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.LogSpec;
import dev.orchestrator.plan.RestartSpec;
import dev.orchestrator.plan.RotateSpec;
import dev.orchestrator.plan.StopSpec;
import dev.orchestrator.plan.WatchSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceWatchesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    record Restart(String app, Path trigger) {
    }

    @TempDir
    Path tmp;

    private Path root;
    private Path app;
    private TreeWatcher tree;
    private SourceWatches watches;
    private final List<Restart> restarts = new CopyOnWriteArrayList<>();
    private final List<String> report = new CopyOnWriteArrayList<>();

    @BeforeEach
    void project() throws IOException {
        root = tmp.toRealPath();
        app = root.resolve("services/api");
        Files.createDirectories(app.resolve("node_modules/dep"));
        Files.createDirectories(app.resolve("pkg/__pycache__"));
        Files.writeString(app.resolve("main.py"), "print(1)\n");
        tree = TreeWatcher.start(WatchScope.of(ProjectLayout.of(root), List.of()), Duration.ofMillis(100), b -> { });
        // a clock that never moves: every restart falls in one flap window, whatever the machine's speed
        InstantSource frozen = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));
        watches = new SourceWatches(tree.scope().root(), () -> tree,
                (name, trigger) -> restarts.add(new Restart(name, trigger)), report::add, frozen);
    }

    @AfterEach
    void stop() {
        watches.close();
        tree.close();
    }

    private AppSpec spec(List<Path> watched, List<String> ignore) {
        LogSpec logs = new LogSpec(app.resolve("api-out.log"), app.resolve("api-err.log"), false, Optional.empty(),
                RotateSpec.DEFAULT);
        return new AppSpec("api", "default", "shell", 1, List.of("/bin/sh", "run.sh"), app, Map.of(),
                app.resolve("ecosystem.yaml"), logs, RestartSpec.DEFAULT, StopSpec.DEFAULT,
                new WatchSpec(watched, ignore, Duration.ofMillis(100)), Set.of());
    }

    private void touchAndAwaitRestart(Path file, int expectedRestarts) throws IOException {
        Files.writeString(file, "change " + expectedRestarts + "\n");
        await().atMost(WAIT).until(() -> restarts.size() >= expectedRestarts);
    }

    @Test
    void touchingAWatchedFileRestartsTheAppNamingTheFile() throws IOException {
        watches.watch(spec(List.of(app), List.of()));

        touchAndAwaitRestart(app.resolve("main.py"), 1);

        assertThat(restarts).containsExactly(new Restart("api", app.resolve("main.py")));
        assertThat(report).containsExactly("~ restarting api (services/api/main.py changed)");
    }

    @Test
    void theAppsOwnLogAndBuiltInFoldersTriggerNothing() throws IOException {
        watches.watch(spec(List.of(app), List.of("*.tmp")));

        Files.writeString(app.resolve("api-out.log"), "a log line\n");
        Files.writeString(app.resolve("api-err.log"), "an error line\n");
        Files.writeString(app.resolve("node_modules/dep/index.js"), "x");
        Files.writeString(app.resolve("pkg/__pycache__/m.cpython-312.pyc"), "x");
        Files.writeString(app.resolve("scratch.tmp"), "x");
        touchAndAwaitRestart(app.resolve("main.py"), 1);

        // had any of the writes above counted, it would have been the first path of the batch and named the restart
        assertThat(restarts).containsExactly(new Restart("api", app.resolve("main.py")));
        assertThat(report).containsExactly("~ restarting api (services/api/main.py changed)");
    }

    @Test
    void aFlappingAppGetsItsWatchPausedAndResumesWithItsNextSpec() throws IOException {
        watches.watch(spec(List.of(app), List.of()));
        for (int i = 1; i <= 5; i++) {
            touchAndAwaitRestart(app.resolve(i % 2 == 0 ? "main.py" : "out.txt"), i);
        }

        Files.writeString(app.resolve("main.py"), "sixth\n");
        await().atMost(WAIT).until(() -> report.getLast().startsWith("! watch of api paused"));

        assertThat(watches.paused("api")).isTrue();
        assertThat(restarts).hasSize(5);
        assertThat(report.getLast()).isEqualTo("! watch of api paused: more than 5 restarts within 10 s "
                + "(services/api/out.txt, services/api/main.py); it resumes when its descriptor changes "
                + "(add the files to ignore_watch if the app writes them)");

        watches.watch(spec(List.of(app), List.of("out.txt")));
        assertThat(watches.paused("api")).isFalse();
        touchAndAwaitRestart(app.resolve("main.py"), 6);
    }

    @Test
    void aPathOutsideTheProjectTreeGetsItsOwnWatch() throws IOException {
        Path shared = root.resolve("shared/lib");
        Files.createDirectories(shared);
        assertThat(tree.covers(shared, true)).isFalse();
        watches.watch(spec(List.of(shared), List.of()));

        touchAndAwaitRestart(shared.resolve("util.py"), 1);

        assertThat(restarts).containsExactly(new Restart("api", shared.resolve("util.py")));
    }

    @Test
    void aMissingOutsidePathIsReportedAndNotWatched() {
        watches.watch(spec(List.of(root.resolve("nowhere")), List.of()));

        assertThat(report).containsExactly(
                "! watch of api: 'nowhere' does not exist; not watched (fix the watch: list of its descriptor)");
    }

    @Test
    void anUnwatchedAppIsNoLongerRestarted() throws IOException {
        watches.watch(spec(List.of(app), List.of()));
        watches.unwatch("api");
        watches.watch(new AppSpec("other", "default", "shell", 1, List.of("x"), app, Map.of(),
                app.resolve("ecosystem.yaml"), spec(List.of(), List.of()).logs(), RestartSpec.DEFAULT,
                StopSpec.DEFAULT, new WatchSpec(List.of(app), List.of(), Duration.ofMillis(100)), Set.of()));

        touchAndAwaitRestart(app.resolve("main.py"), 1);

        assertThat(restarts).extracting(Restart::app).containsExactly("other");
        assertThat(watches.watched()).containsExactly("other");
    }
}
