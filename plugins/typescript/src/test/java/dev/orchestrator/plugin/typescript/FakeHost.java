package dev.orchestrator.plugin.typescript;

import dev.orchestrator.spi.HostContext;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A machine as plugins see it: a fixed project root, the commands on PATH, and the versions tools report. */
final class FakeHost implements HostContext {

    private final Path projectRoot;
    private final Map<String, Path> commands = new HashMap<>();
    private final Map<String, String> versions = new HashMap<>();

    FakeHost(Path projectRoot) {
        this.projectRoot = projectRoot;
    }

    /** Puts {@code command} on PATH at {@code path}. */
    FakeHost with(String command, Path path) {
        commands.put(command, path);
        return this;
    }

    FakeHost version(String command, String version) {
        versions.put(command, version);
        return this;
    }

    @Override
    public Path projectRoot() {
        return projectRoot;
    }

    @Override
    public Optional<Path> which(String command) {
        return Optional.ofNullable(commands.get(command));
    }

    @Override
    public Optional<String> toolVersion(String command) {
        return Optional.ofNullable(versions.get(command));
    }
}
