package dev.orchestrator.migrate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.plugin.MachineFacts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Evaluates PM2 configs the way PM2 does: JavaScript and JSON with {@code node} (an embedded loader script), YAML in
 * process. Each file runs in its own node process, in its own folder, with the environment given: a config that loads
 * a dotenv file changes only its own evaluation, as with {@code pm2 start <that file>}.
 */
public final class Pm2Evaluator implements AutoCloseable {

    private static final String LOADER = "pm2-loader.cjs";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> env;
    private final Duration timeout;
    private Path scratch;

    /**
     * @param env     the environment the configs are evaluated in (PM2 evaluates them in the shell's)
     * @param timeout how long one config may take before it is killed
     */
    public Pm2Evaluator(Map<String, String> env, Duration timeout) {
        this.env = Map.copyOf(env);
        this.timeout = timeout;
    }

    public EvaluatedFile evaluate(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return Pm2Yaml.read(file);
        }
        Optional<Path> node = MachineFacts.onPath("node", env.getOrDefault("PATH", ""));
        if (node.isEmpty()) {
            return EvaluatedFile.failed(file, "node not found on PATH: PM2 configs are JavaScript and are evaluated "
                    + "with node, as PM2 does; install Node.js, or put node on PATH");
        }
        try {
            return run(node.get(), file);
        } catch (IOException e) {
            return EvaluatedFile.failed(file, "cannot run node on it: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EvaluatedFile.failed(file, "interrupted while node evaluated it");
        }
    }

    private EvaluatedFile run(Path node, Path file) throws IOException, InterruptedException {
        Path dir = scratch();
        Path out = Files.createTempFile(dir, "apps", ".json");
        Path log = Files.createTempFile(dir, "node", ".log");
        ProcessBuilder builder = new ProcessBuilder(node.toString(), dir.resolve(LOADER).toString(),
                file.toString(), out.toString())
                .directory(file.getParent().toFile())
                .redirectOutput(log.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return EvaluatedFile.failed(file, "node did not finish evaluating it within " + timeout.toSeconds()
                        + " s; does the config start a server or wait for input? (last output: " + tail(log) + ")");
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }
        if (process.exitValue() != 0 || Files.size(out) == 0) {
            return EvaluatedFile.failed(file, "node exited with " + process.exitValue() + ": " + tail(log));
        }
        return parse(file, Files.readString(out));
    }

    static EvaluatedFile parse(Path file, String json) throws IOException {
        Map<String, Object> result = JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        if (result.get("error") instanceof String error) {
            return EvaluatedFile.failed(file, "evaluating it failed (PM2 would say 'malformated'): " + error);
        }
        List<Pm2App> apps = new ArrayList<>();
        for (Object item : (List<?>) result.getOrDefault("apps", List.of())) {
            Map<?, ?> described = (Map<?, ?>) item;
            if (!(described.get("config") instanceof Map<?, ?> config)) {
                continue;
            }
            apps.add(new Pm2App(strings(config), nested(described.get("origins")), lists(described.get("unset"))));
        }
        return new EvaluatedFile(file, apps, Optional.empty());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> strings(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, String>> nested(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Map<String, String>>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> lists(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, List<String>>) map : Map.of();
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8).strip();
        List<String> lines = text.lines().toList();
        String last = String.join(" | ", lines.subList(Math.max(0, lines.size() - 6), lines.size()));
        return last.isEmpty() ? "no output" : last;
    }

    /** A private folder holding the loader script, created on first use and removed by {@link #close()}. */
    private synchronized Path scratch() throws IOException {
        if (scratch == null) {
            scratch = Files.createTempDirectory("orchestrator-import");
            try (InputStream in = Pm2Evaluator.class.getResourceAsStream(LOADER)) {
                if (in == null) {
                    throw new IOException("the loader script " + LOADER + " is missing from the jar");
                }
                Files.copy(in, scratch.resolve(LOADER));
            }
        }
        return scratch;
    }

    @Override
    public synchronized void close() {
        if (scratch == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(scratch)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + scratch, e);
        }
        scratch = null;
    }
}
