package dev.orchestrator.example.jar;

import dev.orchestrator.spi.RuntimePlugin;
import dev.orchestrator.testkit.FakeHost;
import dev.orchestrator.testkit.RuntimePluginContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The SPI contract, checked by the plugin test kit. */
class JarRuntimePluginContractTest extends RuntimePluginContract {

    @Override
    protected RuntimePlugin newPlugin() {
        return new JarRuntimePlugin();
    }

    @Override
    protected void writeApp(Path dir) throws IOException {
        Files.write(dir.resolve("app.jar"), new byte[] {'P', 'K', 5, 6});
    }

    @Override
    protected FakeHost hostWithInterpreter(Path projectRoot) {
        return FakeHost.of(projectRoot).withTool("java", Path.of("/opt/jdk/bin/java"), "25.0.1");
    }
}
