package dev.orchestrator.plugin;

import dev.orchestrator.spi.HostContext;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What plugins may know about the machine. Lookups on PATH are cached per (PATH, command); a tool's version is asked
 * once per binary ({@code node --version}) with a short timeout, so planning a hundred apps runs {@code node} once.
 * One instance per project load: its file probes ({@link FileProbes}) look at each path once per load, and a reload's
 * new instance looks again.
 */
public final class MachineFacts {

    private static final Pattern VERSION = Pattern.compile("(\\d+(?:\\.\\d+)+)");

    private final Path projectRoot;
    private final Map<String, Optional<Path>> which = new ConcurrentHashMap<>();
    private final Map<Path, Optional<String>> versions = new ConcurrentHashMap<>();

    private final FileProbes files;

    public MachineFacts(Path projectRoot) {
        this(projectRoot, FileProbes.ofFileSystem());
    }

    MachineFacts(Path projectRoot, FileProbes files) {
        this.projectRoot = projectRoot;
        this.files = files;
    }

    /** A context that searches {@code path} (the app's PATH) for commands. */
    public HostContext forPath(String path) {
        String searchPath = path == null ? "" : path;
        return new HostContext() {
            @Override
            public Path projectRoot() {
                return projectRoot;
            }

            @Override
            public Optional<Path> which(String command) {
                return MachineFacts.this.which(searchPath, command);
            }

            @Override
            public Optional<String> toolVersion(String command) {
                return which(command).flatMap(MachineFacts.this::version);
            }

            @Override
            public boolean isFile(Path folder, String name) {
                return files.is(folder, name, FileProbes.Kind.FILE);
            }

            @Override
            public boolean isDirectory(Path folder, String name) {
                return files.is(folder, name, FileProbes.Kind.FOLDER);
            }

            @Override
            public boolean isExecutableFile(Path folder, String name) {
                return files.executableFile(folder, name);
            }

            @Override
            public List<String> list(Path folder) {
                return files.list(folder);
            }
        };
    }

    Optional<Path> which(String searchPath, String command) {
        return which.computeIfAbsent(searchPath + '\0' + command, key -> onPath(command, searchPath));
    }

    /**
     * The executable {@code command} on {@code searchPath} (a {@code PATH} value; empty entries skipped), or the
     * command itself when it is a path. Uncached: the one PATH search of the orchestrator, also used by the importer.
     */
    public static Optional<Path> onPath(String command, String searchPath) {
        if (command.contains("/")) {
            Path path = Path.of(command);
            return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private Optional<String> version(Path tool) {
        return versions.computeIfAbsent(tool, MachineFacts::askVersion);
    }

    private static Optional<String> askVersion(Path tool) {
        try {
            Process process = new ProcessBuilder(tool.toString(), "--version").redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            byte[] out = process.getInputStream().readNBytes(4096);
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(1, TimeUnit.SECONDS);
                return Optional.empty();
            }
            Matcher m = VERSION.matcher(new String(out, StandardCharsets.UTF_8));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
