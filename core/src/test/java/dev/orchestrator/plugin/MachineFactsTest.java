package dev.orchestrator.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.plugin.python.PythonPlugin;
import dev.orchestrator.plugin.node.NodePlugin;
import dev.orchestrator.plugin.shell.ShellPlugin;
import dev.orchestrator.plugin.typescript.TypeScriptPlugin;
import dev.orchestrator.spi.HostContext;
import dev.orchestrator.spi.LaunchRequest;
import dev.orchestrator.spi.PlanException;
import dev.orchestrator.spi.RuntimePlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugins' file probes: each path looked at once per load, answers as the file system gives them. */
class MachineFactsTest {

    @TempDir
    Path root;
    Path bin;
    final CountingDisk disk = new CountingDisk(FileProbes.FILE_SYSTEM);
    final List<RuntimePlugin> plugins =
            List.of(new PythonPlugin(), new NodePlugin(), new TypeScriptPlugin(), new ShellPlugin());

    @BeforeEach
    void aPathWithPython() throws IOException {
        bin = Files.createDirectories(root.resolve("bin"));
        executable(bin.resolve("python3"));
    }

    @Test
    void foldersEveryAppSharesAreListedOncePerLoadAndTheirMissingMarkersAreNotStatted() throws Exception {
        List<Path> apps = apps(20);
        HostContext host = new MachineFacts(root, new FileProbes(disk)).forPath(bin.toString());

        for (Path app : apps) {
            plugins.forEach(plugin -> plugin.detect(app, host));
            new PythonPlugin().plan(request(app, host));
        }

        for (Path shared : List.of(root, root.resolve("services"), root.resolve("services/g0"))) {
            assertThat(disk.lists(shared)).as("listings of " + shared).isEqualTo(1);
            int stats = disk.kinds(shared.resolve("pyproject.toml")) + disk.kinds(shared.resolve("uv.lock"))
                    + disk.kinds(shared.resolve("Pipfile"));
            assertThat(stats).as("markers stat'ed in " + shared + " before it was listed").isLessThan(FileProbes.LIST_AFTER);
        }
        for (Path app : apps) {
            assertThat(disk.lists(app)).as("listings of " + app).isEqualTo(1);
            assertThat(disk.kinds(app.resolve(".venv/bin/python"))).as("no .venv in the listing").isZero();
            assertThat(disk.kinds(app.resolve("main.py"))).as("main.py, found by detect and plan").isEqualTo(1);
        }
        assertThat(disk.maxCallsPerPath()).as("a missing name is stat'ed only until its folder is listed")
                .isLessThan(FileProbes.LIST_AFTER);
    }

    @Test
    void aNewLoadSeesAFileThatAppearedSinceTheLastLoad() throws Exception {
        Path app = apps(1).getFirst();
        HostContext first = new MachineFacts(root).forPath(bin.toString());
        assertThat(new PythonPlugin().plan(request(app, first)).argv()).startsWith(bin.resolve("python3").toString());
        executable(root.resolve("bin/uv"));
        Files.writeString(root.resolve("uv.lock"), "version = 1\n");

        HostContext second = new MachineFacts(root).forPath(bin.toString());

        assertThat(second.isFile(root, "uv.lock")).isTrue();
        assertThat(new PythonPlugin().plan(request(app, second)).argv())
                .containsExactly(bin.resolve("uv").toString(), "run", "python", "-m", "main");
    }

    @Test
    void answersAreTheFileSystemsBeforeAndAfterAFolderIsListed() throws IOException {
        Path dir = Files.createDirectories(root.resolve("app"));
        Path file = Files.writeString(dir.resolve("main.py"), "");
        Path tool = executable(dir.resolve("run.sh"));
        Files.createDirectories(dir.resolve("src/pkg"));
        Files.createSymbolicLink(dir.resolve("link.py"), file);
        Files.createSymbolicLink(dir.resolve("broken"), dir.resolve("gone"));
        Files.createSymbolicLink(dir.resolve("linked"), dir.resolve("src"));
        List<String> names = List.of("main.py", "run.sh", "src", "src/pkg", "link.py", "broken", "linked", "linked/pkg",
                "gone", "gone/deeper/x", "main.py/x", ".", "..", "", "src/../main.py", "src/./pkg", "src/pkg/..");

        HostContext host = new MachineFacts(root, new FileProbes(disk)).forPath("");
        for (int round = 0; round < FileProbes.LIST_AFTER + 1; round++) { // the first rounds stat, later ones list
            for (String name : names) {
                Path p = dir.resolve(name);
                assertThat(host.isFile(dir, name)).as("isFile " + p).isEqualTo(Files.isRegularFile(p));
                assertThat(host.isDirectory(dir, name)).as("isDirectory " + p).isEqualTo(Files.isDirectory(p));
                assertThat(host.isExecutableFile(dir, name)).as("isExecutableFile " + p)
                        .isEqualTo(Files.isRegularFile(p) && Files.isExecutable(p));
            }
            assertThat(host.isFile(Path.of("/"), "")).isFalse();
            assertThat(host.isDirectory(Path.of("/"), "")).isTrue();
            assertThat(host.isFile(Path.of(""), "relative-that-is-not-there")).isFalse();
        }
        assertThat(disk.lists(dir)).isEqualTo(1);
        assertThat(host.list(dir)).containsExactly("broken", "link.py", "linked", "main.py", "run.sh", "src");
        assertThat(host.list(dir.resolve("gone"))).isEmpty();
        assertThat(host.list(file)).isEmpty();
        assertThat(tool).isExecutable();
    }

    @Test
    void anUnreadableFolderIsAnsweredPathByPath() {
        FileProbes.Disk unreadable = new FileProbes.Disk() {
            @Override
            public FileProbes.Listing list(Path folder) {
                return FileProbes.Listing.UNREADABLE;
            }

            @Override
            public FileProbes.Kind kind(Path path) {
                return path.endsWith("main.py") ? FileProbes.Kind.FILE : FileProbes.Kind.MISSING;
            }

            @Override
            public boolean is(Path path, FileProbes.Kind kind) {
                return kind(path) == kind;
            }

            @Override
            public boolean executable(Path path) {
                return false;
            }
        };
        HostContext host = new MachineFacts(root, new FileProbes(unreadable)).forPath("");

        for (int round = 0; round < FileProbes.LIST_AFTER + 1; round++) {
            assertThat(host.isFile(root.resolve("a"), "main.py")).isTrue();
            assertThat(host.isFile(root.resolve("a"), "Pipfile")).isFalse();
            assertThat(host.isFile(root, "a/uv.lock")).isFalse();
        }
        assertThat(host.list(root.resolve("a"))).isEmpty();
    }

    @Test
    void threadsAskingTheSamePathsListEachFolderOnceAndGetTheSameAnswers() throws Exception {
        List<Path> apps = apps(10);
        HostContext host = new MachineFacts(root, new FileProbes(disk)).forPath(bin.toString());
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<List<Object>>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    List<Object> answers = new ArrayList<>();
                    for (Path app : apps) {
                        plugins.forEach(plugin -> answers.add(plugin.detect(app, host)));
                        answers.add(new PythonPlugin().plan(request(app, host)));
                    }
                    return answers;
                }));
            }
            List<Object> first = done.getFirst().get();
            for (Future<List<Object>> f : done) {
                assertThat(f.get()).isEqualTo(first);
            }
        }
        assertThat(disk.maxListingsPerFolder()).isEqualTo(1);
    }

    private List<Path> apps(int count) throws IOException {
        List<Path> apps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path app = Files.createDirectories(root.resolve("services/g0/s" + i));
            Files.createDirectories(app.resolve("src"));
            Files.writeString(app.resolve("main.py"), "print('hi')\n");
            apps.add(app);
        }
        return apps;
    }

    private static LaunchRequest request(Path app, HostContext host) {
        return new LaunchRequest(app.getFileName().toString(), app, Optional.empty(), List.of(), Optional.empty(),
                List.of(), Map.of(), host);
    }

    private static Path executable(Path file) throws IOException {
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** Counts the system calls behind the probes, per path. */
    private static final class CountingDisk implements FileProbes.Disk {
        private final FileProbes.Disk real;
        private final Map<Path, AtomicInteger> lists = new ConcurrentHashMap<>();
        private final Map<Path, AtomicInteger> kinds = new ConcurrentHashMap<>();
        private final Map<Path, AtomicInteger> executables = new ConcurrentHashMap<>();

        CountingDisk(FileProbes.Disk real) {
            this.real = real;
        }

        @Override
        public FileProbes.Listing list(Path folder) {
            lists.computeIfAbsent(folder, p -> new AtomicInteger()).incrementAndGet();
            return real.list(folder);
        }

        @Override
        public FileProbes.Kind kind(Path path) {
            kinds.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            return real.kind(path);
        }

        @Override
        public boolean is(Path path, FileProbes.Kind kind) {
            kinds.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            return real.is(path, kind);
        }

        @Override
        public boolean executable(Path path) {
            executables.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            return real.executable(path);
        }

        int lists(Path folder) {
            return lists.getOrDefault(folder, new AtomicInteger()).get();
        }

        int kinds(Path path) {
            return kinds.getOrDefault(path, new AtomicInteger()).get();
        }

        int maxListingsPerFolder() {
            return lists.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
        }

        int maxCallsPerPath() {
            return java.util.stream.Stream.of(lists, kinds, executables).flatMap(m -> m.values().stream())
                    .mapToInt(AtomicInteger::get).max().orElse(0);
        }
    }
}
