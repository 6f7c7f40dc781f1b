package dev.orchestrator.example.jar;

import dev.orchestrator.spi.Detection;
import dev.orchestrator.spi.HostContext;
import dev.orchestrator.spi.LaunchPlan;
import dev.orchestrator.spi.LaunchRequest;
import dev.orchestrator.spi.PlanException;
import dev.orchestrator.spi.RuntimePlugin;
import dev.orchestrator.spi.Script;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runtime {@code jar}: {@code java [interpreter_args] -jar <app.jar> [args]}. The jar is {@code script:} when given,
 * else the only {@code *.jar} in the app's folder; {@code java} is {@code interpreter:} when given, else {@code java}
 * on the app's PATH. A folder holding exactly one jar is detected as LIKELY.
 *
 * <p>Stateless and read-only, as the contract asks: it lists the folder, asks the host where {@code java} is, and
 * returns a plan.
 */
public final class JarRuntimePlugin implements RuntimePlugin {

    @Override
    public String id() {
        return "jar";
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION; // compiled in: the host refuses a plugin built for an SPI it does not speak
    }

    @Override
    public List<String> detectionHints() {
        return List.of("*.jar");
    }

    @Override
    public Detection detect(Path folder, HostContext host) {
        List<Path> jars = jars(folder);
        if (jars.size() == 1) {
            return Detection.of(Detection.LIKELY, "one jar: " + jars.getFirst().getFileName());
        }
        return Detection.none(jars.isEmpty() ? "no *.jar" : jars.size() + " jars; set script: to one");
    }

    @Override
    public LaunchPlan plan(LaunchRequest request) throws PlanException {
        String java = java(request);
        Path jar = entry(request);
        List<String> argv = new ArrayList<>();
        argv.add(java);
        argv.addAll(request.interpreterArgs());
        argv.add("-jar");
        argv.add(jar.toString());
        argv.addAll(request.args());
        return LaunchPlan.builder(argv)
                .note("java: " + java)
                .note("entry: " + request.cwd().relativize(jar)
                        + (request.script().isPresent() ? " (script:)" : " (the only jar in the folder)"))
                .build();
    }

    private static String java(LaunchRequest request) throws PlanException {
        Optional<String> interpreter = request.interpreter();
        String command = interpreter.orElse("java");
        return request.host().which(command).map(Path::toString).orElseThrow(() -> new PlanException(
                command + " not found" + (command.contains("/") ? "" : " on PATH"),
                interpreter.isPresent() ? "fix interpreter: to name a java executable"
                        : "install a JDK or JRE (apt-get install openjdk-25-jre-headless) or set interpreter: to a java "
                        + "executable"));
    }

    private static Path entry(LaunchRequest request) throws PlanException {
        Optional<Script> script = request.script();
        if (script.isPresent()) {
            Path jar = script.get() instanceof Script.File file ? file.path() : request.cwd().resolve(script.get().text());
            if (!Files.isRegularFile(jar)) {
                throw new PlanException("script '" + script.get().text() + "' not found in " + request.cwd(),
                        "build the jar, or fix script: (relative to the app's cwd)");
            }
            return jar;
        }
        List<Path> jars = jars(request.cwd());
        if (jars.isEmpty()) {
            throw new PlanException("no *.jar in " + request.cwd(), "build the app's jar into that folder, or set "
                    + "script: to its path");
        }
        if (jars.size() > 1) {
            throw new PlanException(jars.size() + " jars in " + request.cwd() + " ("
                    + String.join(", ", jars.stream().map(j -> j.getFileName().toString()).toList()) + ")",
                    "set script: to the one to run");
        }
        return jars.getFirst();
    }

    /** The regular {@code *.jar} files directly in {@code folder}, sorted; none when it cannot be read. */
    private static List<Path> jars(Path folder) {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry)) {
                    jars.add(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of(); // not a folder, unreadable, a loop: not ours, and never an exception
        }
        return jars.stream().sorted().toList();
    }
}
