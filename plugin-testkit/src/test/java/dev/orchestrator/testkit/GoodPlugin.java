package dev.orchestrator.testkit;

import dev.orchestrator.spi.Detection;
import dev.orchestrator.spi.HostContext;
import dev.orchestrator.spi.LaunchPlan;
import dev.orchestrator.spi.LaunchRequest;
import dev.orchestrator.spi.PlanException;
import dev.orchestrator.spi.RuntimePlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A plugin that keeps the contract: runs {@code good <entry>} for a folder holding {@code app.good}. */
public class GoodPlugin implements RuntimePlugin {

    @Override
    public String id() {
        return "good";
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public List<String> detectionHints() {
        return List.of("*.good");
    }

    @Override
    public Detection detect(Path folder, HostContext host) {
        return Files.isRegularFile(folder.resolve("app.good")) ? Detection.of(Detection.LIKELY, "app.good")
                : Detection.none("no app.good");
    }

    @Override
    public LaunchPlan plan(LaunchRequest request) throws PlanException {
        Path good = request.host().which("good")
                .orElseThrow(() -> new PlanException("good not found on PATH", "install it or set interpreter:"));
        return LaunchPlan.builder(List.of(good.toString(), request.cwd().resolve("app.good").toString())).build();
    }
}
