package dev.orchestrator.cli;

import dev.orchestrator.discovery.ProjectRoot;
import dev.orchestrator.migrate.Finding;
import dev.orchestrator.migrate.ImportContext;
import dev.orchestrator.migrate.ImportPlan;
import dev.orchestrator.migrate.ImportSetup;
import dev.orchestrator.migrate.Importer;
import dev.orchestrator.migrate.OutputFile;
import dev.orchestrator.migrate.Pm2Configs;
import dev.orchestrator.migrate.Pm2Evaluator;
import dev.orchestrator.plan.ProjectPlan;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orchestrator import}: PM2 ecosystem configs become ecosystem.yaml descriptors (see docs/migrating-from-pm2.md). */
@Command(name = "import", description = "Import PM2 ecosystem configs: every config of the project becomes an "
        + "ecosystem.yaml beside it, secrets go to a private env file, unsupported options are listed.")
final class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE",
            description = "A PM2 config (ecosystem.config.js, .cjs, .mjs, .json, or a PM2 .yaml); every config in "
                    + "the project is imported with it.")
    Path file;

    @Option(names = "--into", paramLabel = "DIR",
            description = "The project root to import into (default: found from FILE's folder upwards).")
    Path into;

    @Option(names = "--dry-run", description = "Print the plan and the YAML; write nothing.")
    boolean dryRun;

    @Option(names = "--force", description = "Replace existing ecosystem.yaml and env files.")
    boolean force;

    @Option(names = "--env", paramLabel = "PROFILE", description = "Merge each app's env_PROFILE block into env "
            + "(PM2's --env PROFILE).")
    String profile;

    @Option(names = "--json", description = "Print the plan as JSON (schema 1).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path config = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(config)) {
            throw new CliException(ExitCodes.FAILED, "PM2 config '" + file + "' not found (looked for " + config
                    + "); pass the path of an ecosystem.config.js");
        }
        Path root = root(config);
        ProjectPlan project = Projects.load(root);
        Set<Path> skip = Set.of(root.resolve(".orchestrator"), root.resolve(project.config().logs()).normalize());
        TreeSet<Path> found = new TreeSet<>(Pm2Configs.find(root, skip));
        found.add(config);
        List<Path> configs = List.copyOf(found);
        ImportContext ctx = ImportSetup.context(project, configs, Optional.ofNullable(profile));
        ImportPlan plan;
        try (Pm2Evaluator evaluator = new Pm2Evaluator(System.getenv(), Duration.ofSeconds(60))) {
            plan = new Importer(ctx, evaluator).plan(configs);
        }
        ImportPlan.Written written = dryRun ? new ImportPlan.Written(List.of(), List.of()) : plan.write(force);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(json(plan, written)));
        } else {
            new ImportReport(root, plan, written, dryRun).print(out, spec.commandLine().getErr());
        }
        out.flush();
        return plan.hasErrors() || !written.refused().isEmpty() ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private Path root(Path config) {
        if (into != null) {
            Path dir = into.toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new CliException(ExitCodes.FAILED, "folder '" + into + "' not found; pass an existing project "
                        + "root to --into");
            }
            if (!config.startsWith(dir)) {
                throw new CliException(ExitCodes.FAILED, "PM2 config '" + file + "' is not inside " + dir + "; "
                        + "--into names the project root that holds it");
            }
            return dir;
        }
        return ProjectRoot.find(config.getParent(), Optional.empty()).filter(config::startsWith)
                .orElse(config.getParent());
    }

    private Map<String, Object> json(ImportPlan plan, ImportPlan.Written written) {
        Map<String, Object> out = Json.object();
        out.put("root", plan.root().toString());
        out.put("dry_run", dryRun);
        List<Object> files = new ArrayList<>();
        for (OutputFile o : plan.outputs()) {
            Map<String, Object> f = new java.util.LinkedHashMap<>();
            f.put("source", o.source().toString());
            f.put("descriptor", o.descriptor().toString());
            f.put("apps", o.apps());
            f.put("env_files", o.envFiles().keySet().stream().map(Path::toString).toList());
            f.put("valid", o.valid());
            f.put("written", written.written().contains(o.descriptor()));
            f.put("yaml", o.yaml());
            files.add(f);
        }
        out.put("files", files);
        List<Object> findings = new ArrayList<>();
        List<Finding> all = new ArrayList<>(plan.findings());
        all.addAll(written.refused());
        for (Finding finding : all) {
            Map<String, Object> f = new java.util.LinkedHashMap<>();
            f.put("file", finding.file().toString());
            f.put("app", finding.app().orElse(null));
            f.put("kind", finding.kind().label());
            f.put("message", finding.message());
            findings.add(f);
        }
        out.put("findings", findings);
        return out;
    }
}
