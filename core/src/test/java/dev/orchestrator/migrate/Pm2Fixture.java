package dev.orchestrator.migrate;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orchestrator.plan.ProjectLoader;
import dev.orchestrator.plan.ProjectPlan;
import dev.orchestrator.plugin.MachineFacts;
import dev.orchestrator.plugin.PluginRegistry;
import dev.orchestrator.testing.FixtureProjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The PM2 fixture trees under {@code src/test/resources/pm2/}, copied to a temp folder, and an import of them. */
final class Pm2Fixture {

    private static final Path SOURCE = Path.of("src/test/resources/pm2");

    private Pm2Fixture() {
    }

    static Path copy(String name, Path into) {
        return FixtureProjects.copyTree(SOURCE.resolve(name), into.resolve(name));
    }

    /** node's folder, or the test is skipped: PM2 configs are JavaScript and only node evaluates them. */
    static Path nodeDir() {
        Optional<Path> node = MachineFacts.onPath("node", System.getenv().getOrDefault("PATH", ""));
        assumeTrue(node.isPresent(), "node is not on PATH: importing PM2 configs needs node (apt-get install nodejs)");
        return node.get().getParent();
    }

    /** The environment configs are evaluated in: the user's shell, here a fixed one plus one variable of its own. */
    static Map<String, String> shellEnv(Path home) {
        return Map.of("PATH", nodeDir() + ":/usr/bin:/bin", "HOME", home.toString(), "LANG", "C.UTF-8",
                "SHELL_API_URL", "https://example.invalid/api");
    }

    static ProjectPlan load(Path root, Map<String, String> env) {
        return new ProjectLoader(env, PluginRegistry.load(Pm2Fixture.class.getClassLoader())).load(root);
    }

    static ImportPlan plan(Path root, Map<String, String> env, Optional<String> profile) {
        List<Path> configs = Pm2Configs.find(root, java.util.Set.of());
        ImportContext ctx = ImportSetup.context(load(root, env), configs, profile);
        try (Pm2Evaluator evaluator = new Pm2Evaluator(env, Duration.ofSeconds(30))) {
            return new Importer(ctx, evaluator).plan(configs);
        }
    }
}
