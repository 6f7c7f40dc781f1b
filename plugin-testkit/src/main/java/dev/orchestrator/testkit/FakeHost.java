package dev.orchestrator.testkit;

import dev.orchestrator.spi.HostContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A machine as a plugin sees it, fixed by the test: a project root, the commands on PATH and the versions they report.
 * Nothing is looked up for real, so a plan is the same on every machine. Immutable ({@code withTool} returns a copy)
 * and thread-safe; it remembers which commands the plugin asked about.
 *
 * <pre>{@code
 * FakeHost host = FakeHost.of(root).withTool("java", Path.of("/opt/jdk/bin/java"), "25.0.1");
 * }</pre>
 *
 * @since SPI 1
 */
public final class FakeHost implements HostContext {

    private final Path projectRoot;
    private final Map<String, Path> tools;
    private final Map<String, String> versions;
    private final List<String> asked = Collections.synchronizedList(new ArrayList<>());

    private FakeHost(Path projectRoot, Map<String, Path> tools, Map<String, String> versions) {
        this.projectRoot = Objects.requireNonNull(projectRoot, "projectRoot");
        this.tools = Map.copyOf(tools);
        this.versions = Map.copyOf(versions);
    }

    /** A machine with nothing on PATH. */
    public static FakeHost of(Path projectRoot) {
        return new FakeHost(projectRoot, Map.of(), Map.of());
    }

    /** The same machine with {@code command} on PATH at {@code path} (its version unknown). */
    public FakeHost withTool(String command, Path path) {
        Map<String, Path> more = new HashMap<>(tools);
        more.put(command, path);
        return new FakeHost(projectRoot, more, versions);
    }

    /** The same machine with {@code command} on PATH at {@code path}, reporting {@code version} (e.g. {@code 22.6.0}). */
    public FakeHost withTool(String command, Path path, String version) {
        Map<String, String> moreVersions = new HashMap<>(versions);
        moreVersions.put(command, version);
        return new FakeHost(projectRoot, tools, moreVersions).withTool(command, path);
    }

    @Override
    public Path projectRoot() {
        return projectRoot;
    }

    @Override
    public Optional<Path> which(String command) {
        asked.add(command);
        return Optional.ofNullable(tools.get(command));
    }

    @Override
    public Optional<String> toolVersion(String command) {
        asked.add(command);
        return tools.containsKey(command) ? Optional.ofNullable(versions.get(command)) : Optional.empty();
    }

    /** The commands the plugin asked about through {@link #which} or {@link #toolVersion}, in order. */
    public List<String> asked() {
        synchronized (asked) {
            return List.copyOf(asked);
        }
    }

    @Override
    public String toString() {
        return "FakeHost" + tools.keySet();
    }
}
