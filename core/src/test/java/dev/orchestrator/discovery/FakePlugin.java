package dev.orchestrator.discovery;

import dev.orchestrator.spi.Detection;
import dev.orchestrator.spi.HostContext;
import dev.orchestrator.spi.LaunchPlan;
import dev.orchestrator.spi.LaunchRequest;
import dev.orchestrator.spi.RuntimePlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A plugin that recognises a folder by marker file names, each worth a confidence; it counts its detect calls. */
class FakePlugin implements RuntimePlugin {

    private final String id;
    private final Map<String, Integer> markers = new LinkedHashMap<>();
    final Map<Path, AtomicInteger> calls = new ConcurrentHashMap<>();

    FakePlugin(String id, Object... markerThenConfidence) {
        this.id = id;
        for (int i = 0; i < markerThenConfidence.length; i += 2) {
            markers.put((String) markerThenConfidence[i], (Integer) markerThenConfidence[i + 1]);
        }
    }

    /** python: Pipfile 100, main.py 60; node: package.json 80; shell: run.sh 80. */
    static List<RuntimePlugin> standard() {
        return List.of(new FakePlugin("python", "Pipfile", 100, "main.py", 60),
                new FakePlugin("node", "package.json", 80),
                new FakePlugin("shell", "run.sh", 80));
    }

    static final HostContext HOST = new HostContext() {
        @Override
        public Path projectRoot() {
            throw new UnsupportedOperationException("discovery must not need the host's root");
        }

        @Override
        public Optional<Path> which(String command) {
            return Optional.empty();
        }

        @Override
        public Optional<String> toolVersion(String command) {
            return Optional.empty();
        }
    };

    @Override
    public String id() {
        return id;
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public List<String> detectionHints() {
        return List.copyOf(markers.keySet());
    }

    @Override
    public Detection detect(Path folder, HostContext host) {
        calls.computeIfAbsent(folder, f -> new AtomicInteger()).incrementAndGet();
        int best = 0;
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, Integer> m : markers.entrySet()) {
            if (Files.exists(folder.resolve(m.getKey()))) {
                found.add(m.getKey());
                best = Math.max(best, m.getValue());
            }
        }
        return best == 0 ? Detection.none("no marker") : Detection.of(best, String.join(" and ", found));
    }

    @Override
    public LaunchPlan plan(LaunchRequest request) {
        throw new UnsupportedOperationException("discovery never plans");
    }
}
