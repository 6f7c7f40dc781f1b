package dev.orchestrator.migrate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The import pipeline, top to bottom: evaluate every PM2 config with node -> attribute each app to the config that
 * defines it -> translate its keys -> place them in an ecosystem.yaml beside that config, validated. Writes nothing:
 * {@link ImportPlan#write} does, after the user has seen the plan (or {@code --dry-run} stops at printing it).
 */
public final class Importer {

    private final ImportContext ctx;
    private final Pm2Evaluator evaluator;

    public Importer(ImportContext ctx, Pm2Evaluator evaluator) {
        this.ctx = ctx;
        this.evaluator = evaluator;
    }

    /** @param configs the PM2 configs to import, absolute (usually {@link Pm2Configs#find} plus the one named) */
    public ImportPlan plan(List<Path> configs) {
        List<Finding> findings = new ArrayList<>();
        List<EvaluatedFile> evaluated = new ArrayList<>();
        for (Path config : configs) {
            EvaluatedFile file = evaluator.evaluate(config);
            if (file.error().isPresent()) {
                findings.add(Finding.of(config, null, Finding.Kind.ERROR, "not imported: " + file.error().get()));
            } else if (file.apps().isEmpty()) {
                findings.add(Finding.of(config, null, Finding.Kind.WARNING, "exports no apps: nothing to write"));
            } else {
                evaluated.add(file);
            }
        }
        List<Attribution.Owned> owned = Attribution.attribute(evaluated, findings);
        reportDuplicates(owned, findings);
        AppTranslator translator = new AppTranslator(ctx);
        List<OutputFile> outputs = new ArrayList<>();
        for (Attribution.Owned o : owned) {
            if (o.apps().isEmpty()) {
                continue;
            }
            Path config = o.file().file();
            List<TranslatedApp> apps = o.apps().stream().map(app -> translator.translate(app, config, findings))
                    .toList();
            findings.add(Finding.of(config, null, Finding.Kind.MAPPED, "kill_signal: SIGINT written on every app that "
                    + "set none: PM2 stops apps with SIGINT (the orchestrator's default is SIGTERM)"));
            if (ctx.scanRoots().stream().noneMatch(config.getParent()::startsWith)) {
                findings.add(Finding.of(config, null, Finding.Kind.WARNING, "its ecosystem.yaml lies outside the "
                        + "scan roots (" + String.join(", ", ctx.scanRoots().stream()
                        .map(r -> ctx.relative(ctx.root(), r)).toList()) + "): discovery will not find it; add "
                        + ctx.relative(ctx.root(), config.getParent()) + " to roots: in orchestrator.yaml, or move "
                        + "the apps into a service or agent folder"));
            }
            outputs.add(DescriptorDraft.build(config, apps, findings));
        }
        return new ImportPlan(ctx.root(), outputs, findings);
    }

    private static void reportDuplicates(List<Attribution.Owned> owned, List<Finding> findings) {
        for (Map.Entry<String, List<Path>> e : Attribution.byName(owned).entrySet()) {
            if (e.getValue().size() > 1) {
                for (Path file : e.getValue()) {
                    findings.add(Finding.of(file, e.getKey(), Finding.Kind.WARNING, "name defined " + e.getValue()
                            .size() + " times (in " + String.join(", ", e.getValue().stream().map(Path::toString)
                            .toList()) + "); names must be unique across the project: rename all but one"));
                }
            }
        }
    }
}
