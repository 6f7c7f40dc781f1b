package dev.orchestrator.testkit;

import dev.orchestrator.spi.RuntimePlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A plugin that keeps the contract passes every test of the kit, as an author's test class would. */
class GoodPluginContractTest extends RuntimePluginContract {

    @Override
    protected RuntimePlugin newPlugin() {
        return new GoodPlugin();
    }

    @Override
    protected void writeApp(Path dir) throws IOException {
        Files.writeString(dir.resolve("app.good"), "print 'hi'\n");
    }

    @Override
    protected FakeHost hostWithInterpreter(Path projectRoot) {
        return FakeHost.of(projectRoot).withTool("good", Path.of("/usr/bin/good"));
    }
}
