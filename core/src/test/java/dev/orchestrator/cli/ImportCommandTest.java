package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {

    @TempDir
    Path temp;

    Path root;

    @BeforeEach
    void copyFixture() throws IOException {
        assumeTrue(Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "node"))),
                "node is not on PATH: importing PM2 configs needs node (apt-get install nodejs)");
        Path from = Path.of("src/test/resources/pm2/promethean");
        root = temp.resolve("promethean");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = root.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        root = root.toRealPath();
    }

    private List<Path> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().equals("ecosystem.yaml")).toList();
        }
    }

    @Test
    void dryRunPrintsThePlanAndTheYamlAndWritesNothing() throws IOException {
        Cli result = Cli.run("import", root.resolve("ecosystem.config.js").toString(), "--dry-run");
        assertThat(result.exit()).isZero();
        assertThat(result.out()).startsWith("Import plan of 7 PM2 config(s) under " + root
                        + " (evaluated with node, as PM2 does):\n")
                .contains("\necosystem.config.js: nothing to write\n  dropped: exports only apps defined in ")
                .contains("\nagents/duck/ecosystem.config.js -> agents/duck/ecosystem.yaml (duck_discord_indexer, "
                        + "duck_cephalon, duck_attachment_indexer, chromadb); secrets in agents/duck/.env.orchestrator\n")
                .contains("  unsupported: worker_mail: exec_mode: cluster not imported: ")
                .contains("\n--- services/py/tts/ecosystem.yaml\n# Imported from ecosystem.config.js")
                .endsWith("\nDry run: nothing written. Run it again without --dry-run to write these files.\n");
        assertThat(yamlFiles()).isEmpty();
    }

    @Test
    void importWritesTheFilesAndRefusesToOverwriteThemWithoutForce() throws IOException {
        Cli first = Cli.run("import", root.resolve("agents/duck/ecosystem.config.js").toString());
        assertThat(first.exit()).isZero();
        assertThat(first.out()).contains("\nWrote 8 file(s): agents/duck/ecosystem.yaml, "
                + "agents/duck/.env.orchestrator, agents/duck/.env.example, ");
        assertThat(yamlFiles()).hasSize(6);

        Cli second = Cli.run("import", root.resolve("ecosystem.config.js").toString());
        assertThat(second.exit()).isEqualTo(1);
        assertThat(second.err()).contains("orchestrator: services/py/tts/ecosystem.config.js: error: nothing "
                + "written: ecosystem.yaml already exists beside it; pass --force to replace it\n");
        assertThat(Cli.run("import", root.resolve("ecosystem.config.js").toString(), "--force").exit()).isZero();
    }

    @Test
    void jsonCarriesEveryFileAndFinding() throws IOException {
        Cli result = Cli.run("import", root.resolve("ecosystem.config.js").toString(), "--dry-run", "--json");
        assertThat(result.exit()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("schema", "root", "dry_run", "files", "findings");
        assertThat(json.get("files")).hasSize(6);
        JsonNode duck = json.get("files").get(0);
        assertThat(duck.get("descriptor").asText()).isEqualTo(root.resolve("agents/duck/ecosystem.yaml").toString());
        assertThat(duck.get("env_files").get(0).asText()).endsWith("agents/duck/.env.orchestrator");
        assertThat(duck.get("written").asBoolean()).isFalse();
        assertThat(json.get("findings").get(0).get("kind").asText()).isEqualTo("dropped");
    }

    @Test
    void aMissingFileIsAnErrorThatSaysWhatWasLookedFor() {
        Cli result = Cli.run("import", root.resolve("nope.config.js").toString());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("orchestrator: PM2 config '" + root.resolve("nope.config.js")
                + "' not found (looked for " + root.resolve("nope.config.js") + "); pass the path of an "
                + "ecosystem.config.js\n");
    }
}
