package dev.orchestrator.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.discovery.ProjectLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeWatcherTest {

    @TempDir
    Path tmp;

    private Path root;
    private final List<Set<Path>> batches = new CopyOnWriteArrayList<>();
    private TreeWatcher watcher;

    @BeforeEach
    void project() throws IOException {
        root = tmp.toRealPath();
        Files.createDirectories(root.resolve("services/api/node_modules/left-pad"));
        Files.createDirectories(root.resolve("services/api/src"));
        Files.createDirectories(root.resolve("services/api/.git/objects"));
        Files.createDirectories(root.resolve("services/generated"));
        Files.createDirectories(root.resolve("logs"));
        Files.createDirectories(root.resolve(".orchestrator"));
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("services/.orchestratorignore"), "generated/\n");
    }

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private void start(Duration quiet) throws IOException {
        watcher = TreeWatcher.start(WatchScope.of(ProjectLayout.of(root), List.of()), quiet, batches::add);
    }

    private boolean seen(Path path) {
        return batches.stream().anyMatch(b -> b.contains(path));
    }

    /** Writes a file the watch does see, and waits for it: anything written before it has been delivered by then. */
    private void sentinel(String name) throws IOException {
        Path file = root.resolve("services/api/src/" + name);
        Files.writeString(file, "x");
        await().atMost(Duration.ofSeconds(10)).until(() -> seen(file));
    }

    @Test
    void aNewServiceFolderArrivesAsOneDebouncedBatch() throws IOException {
        start(Duration.ofMillis(500));
        Path folder = root.resolve("services/tts");

        Files.createDirectories(folder);
        Files.writeString(folder.resolve("ecosystem.yaml"), "script: run.sh\n");
        Files.writeString(folder.resolve("run.sh"), "sleep 1\n");

        await().atMost(Duration.ofSeconds(10)).until(() -> seen(folder.resolve("run.sh")));
        assertThat(batches).hasSize(1);
        assertThat(batches.getFirst()).contains(folder, folder.resolve("ecosystem.yaml"), folder.resolve("run.sh"));
    }

    @Test
    void writesInSkippedFoldersProduceNoEventAndHoldNoInotifyWatch() throws IOException {
        start(Duration.ofMillis(100));

        Files.writeString(root.resolve("services/api/node_modules/left-pad/index.js"), "x");
        Files.writeString(root.resolve("services/api/.git/objects/ab"), "x");
        Files.writeString(root.resolve("services/generated/out.js"), "x");
        Files.writeString(root.resolve("logs/api-out.log"), "line\n");
        Files.writeString(root.resolve(".orchestrator/state.json"), "{}");
        Files.writeString(root.resolve("docs/README.md"), "x");
        sentinel("done.txt");

        assertThat(batches).allSatisfy(b -> assertThat(b).allMatch(p -> p.startsWith(root.resolve("services/api/src"))));
        assertThat(watcher.watchedDirectories()).contains(root, root.resolve("services"),
                        root.resolve("services/api"), root.resolve("services/api/src"))
                .noneMatch(p -> p.toString().contains("node_modules") || p.toString().contains(".git")
                        || p.startsWith(root.resolve("logs")) || p.startsWith(root.resolve(".orchestrator"))
                        || p.startsWith(root.resolve("docs")) || p.startsWith(root.resolve("services/generated")));
    }

    @Test
    void theKernelHoldsOneInotifyWatchPerWatchedFolderAndNoMore() throws IOException {
        start(Duration.ofMillis(100));

        // every watch of this JVM, as the kernel lists them: no other watcher is open during this test
        assertThat(inotifyWatches()).isEqualTo(watcher.watchedDirectories().size());
        assertThat(watcher.watchedDirectories()).containsExactlyInAnyOrder(root, root.resolve("services"),
                root.resolve("services/api"), root.resolve("services/api/src"));
    }

    private static long inotifyWatches() throws IOException {
        long count = 0;
        try (var fds = Files.list(Path.of("/proc/self/fdinfo"))) {
            for (Path fd : fds.toList()) {
                try {
                    count += Files.readAllLines(fd).stream().filter(l -> l.startsWith("inotify wd:")).count();
                } catch (IOException e) {
                    // the fd closed while we listed: not an inotify fd of the watcher under test
                }
            }
        }
        return count;
    }

    @Test
    void aNodeModulesFolderCreatedLaterIsNeitherReportedNorWatched() throws IOException {
        start(Duration.ofMillis(100));
        Path modules = root.resolve("services/api/src/node_modules/pkg");

        Files.createDirectories(modules);
        Files.writeString(modules.resolve("index.js"), "x");
        sentinel("after-modules.txt");

        assertThat(batches).allSatisfy(b -> assertThat(b).noneMatch(p -> p.toString().contains("node_modules")));
        assertThat(watcher.watchedDirectories()).noneMatch(p -> p.toString().contains("node_modules"));
    }

    @Test
    void rootConfigAndIgnoreFilesAreWatchedButOtherRootFilesAreNot() throws IOException {
        start(Duration.ofMillis(100));

        Files.writeString(root.resolve("README.md"), "x");
        Files.writeString(root.resolve("orchestrator.yaml"), "logs: logs\n");
        Files.writeString(root.resolve(".env"), "A=1\n");

        await().atMost(Duration.ofSeconds(10)).until(() -> seen(root.resolve(".env")));
        assertThat(seen(root.resolve("orchestrator.yaml"))).isTrue();
        assertThat(seen(root.resolve("README.md"))).isFalse();
    }

    @Test
    void aPrefixListenerGetsEachChangeBelowItsPrefixOnly() throws IOException {
        start(Duration.ofMillis(100));
        List<Path> seenBySource = new CopyOnWriteArrayList<>();
        watcher.subscribe(root.resolve("services/api"), change -> seenBySource.add(change.path()));
        Files.createDirectories(root.resolve("services/other"));

        Files.writeString(root.resolve("services/other/x.txt"), "x");
        Path main = root.resolve("services/api/src/main.py");
        Files.writeString(main, "print(1)\n");

        await().atMost(Duration.ofSeconds(10)).until(() -> seenBySource.contains(main));
        sentinel("later.txt");
        assertThat(seenBySource).allMatch(p -> p.startsWith(root.resolve("services/api")));
    }

    @Test
    void coversTellsWhichPathsTheSharedWatchSees() throws IOException {
        start(Duration.ofMillis(100));

        assertThat(watcher.covers(root.resolve("services/api"), true)).isTrue();
        assertThat(watcher.covers(root.resolve("services/api/src/main.py"), false)).isTrue();
        assertThat(watcher.covers(root.resolve("services/api/node_modules"), true)).isFalse();
        assertThat(watcher.covers(root.resolve("services/generated"), true)).isFalse();
        assertThat(watcher.covers(root.resolve("docs"), true)).isFalse();
        assertThat(watcher.covers(root.resolve("logs"), true)).isFalse();
    }

    @Test
    void aDeletedFolderIsReportedAndForgotten() throws IOException {
        start(Duration.ofMillis(100));
        Path src = root.resolve("services/api/src");
        Files.writeString(src.resolve("a.txt"), "x");
        sentinel("before-delete.txt");

        Files.delete(src.resolve("a.txt"));
        Files.delete(src.resolve("before-delete.txt"));
        Files.delete(src);

        await().atMost(Duration.ofSeconds(10)).until(() -> seen(src) && !watcher.watchedDirectories().contains(src));
        assertThat(watcher.watchedDirectories()).contains(root.resolve("services/api"));
    }

    @Test
    void closeLeavesNoWatchThreadBehind() throws IOException {
        start(Duration.ofMillis(100));
        Files.writeString(root.resolve("services/api/src/a.txt"), "x");

        watcher.close();
        watcher = null;

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive()
                && (t.getName().equals("orchestrator-watch") || t.getName().equals("orchestrator-tree-watch")));
    }

    @Test
    void reconfigureWatchesAFolderThatIsNoLongerIgnored() throws IOException {
        start(Duration.ofMillis(100));
        Files.writeString(root.resolve("services/.orchestratorignore"), "# nothing ignored\n");

        watcher.reconfigure(WatchScope.of(ProjectLayout.of(root), List.of()));
        Path out = root.resolve("services/generated/out.js");
        Files.writeString(out, "x");

        await().atMost(Duration.ofSeconds(10)).until(() -> seen(out));
        assertThat(watcher.watchedDirectories()).contains(root.resolve("services/generated"));
    }
}
