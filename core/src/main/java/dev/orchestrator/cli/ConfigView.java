package dev.orchestrator.cli;

import dev.orchestrator.descriptor.Problem;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.PlannedApp;
import dev.orchestrator.plan.ProjectPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Renders a {@link ProjectPlan} as the {@code config --json} object (CONTRACTS) or as text for people. */
final class ConfigView {

    static final String MASK = "****";

    private final ProjectPlan plan;
    private final boolean showSecrets;

    ConfigView(ProjectPlan plan, boolean showSecrets) {
        this.plan = plan;
        this.showSecrets = showSecrets;
    }

    Map<String, Object> json() {
        Map<String, Object> out = Json.object();
        out.put("apps", plan.apps().stream().map(this::appJson).toList());
        List<Object> errors = new ArrayList<>(problems().filter(Problem::isError).map(this::problemJson).toList());
        plan.plugins().problems().forEach(p -> errors.add(pluginProblemJson(p)));
        out.put("errors", errors);
        out.put("warnings", problems().filter(p -> !p.isError()).map(this::problemJson).toList());
        return out;
    }

    /** File problems, then each failed app's reason (a name clash or plan failure has no other place). */
    private Stream<Problem> problems() {
        // a set: with thousands of failed apps a list's contains made this quadratic
        java.util.Set<Problem> fileProblems = new java.util.HashSet<>(plan.problems());
        Stream<Problem> appFailures = plan.apps().stream().flatMap(a -> a.failure().stream())
                .filter(f -> !fileProblems.contains(withoutApp(f)));
        return Stream.concat(plan.problems().stream(), appFailures).distinct();
    }

    private static Problem withoutApp(Problem p) {
        return new Problem(p.severity(), p.position(), java.util.Optional.empty(), p.message());
    }

    private Map<String, Object> appJson(PlannedApp app) {
        Map<String, Object> out = new LinkedHashMap<>();
        AppSpec spec = app.spec().orElse(null);
        out.put("name", app.name());
        out.put("namespace", app.namespace());
        out.put("runtime", app.runtime().orElse(null));
        out.put("instances", spec == null ? null : spec.instances());
        out.put("argv", spec == null ? List.of() : spec.argv());
        out.put("cwd", spec == null ? null : spec.cwd().toString());
        out.put("env", maskedEnv(app));
        out.put("out_file", spec == null ? null : spec.logs().outFile().toString());
        out.put("error_file", spec == null ? null : spec.logs().errFile().toString());
        out.put("source", app.source().toString());
        out.put("disabled", app.disabled());
        out.put("status", app.ok() ? "ok" : "failed");
        out.put("error", app.failure().map(Problem::message).orElse(null));
        return out;
    }

    Map<String, String> maskedEnv(PlannedApp app) {
        Map<String, String> env = new LinkedHashMap<>();
        var secrets = app.spec().map(AppSpec::secretKeys).orElse(java.util.Set.of());
        app.shownEnv().forEach((k, v) -> env.put(k, !showSecrets && secrets.contains(k) ? MASK : v));
        return env;
    }

    private Map<String, Object> problemJson(Problem p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", p.position().file().toString());
        out.put("line", p.position().line());
        out.put("column", p.position().column());
        out.put("app", p.app().orElse(null));
        out.put("message", p.message());
        return out;
    }

    /** A plugin that failed to load has no file position of ours; its message names the jar and class. */
    private static Map<String, Object> pluginProblemJson(String message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", null);
        out.put("line", null);
        out.put("column", null);
        out.put("app", null);
        out.put("message", message);
        return out;
    }

    /** Problems first (compiler style, for stderr), then one block per app. */
    List<String> problemLines() {
        Path root = plan.root();
        List<String> lines = new ArrayList<>();
        plan.plugins().problems().forEach(p -> lines.add("error: " + p));
        problems().forEach(p -> lines.add(p.format(root)));
        return lines;
    }

    List<String> appLines(boolean explain) {
        Path root = plan.root();
        List<String> lines = new ArrayList<>();
        for (PlannedApp app : plan.apps()) {
            String mark = !app.ok() ? "x" : app.disabled() ? "-" : "+";
            String head = mark + " " + app.name() + "  [" + app.runtime().orElse("?") + ", namespace "
                    + app.namespace() + "]  " + relative(root, app.source());
            lines.add(head);
            if (app.spec().isEmpty()) {
                lines.add("    failed: " + app.failure().map(p -> p.format(root)).orElse("?"));
                continue;
            }
            AppSpec spec = app.spec().get();
            if (app.disabled()) {
                lines.add("    disabled: true (not started by up)");
            }
            lines.add("    argv:  " + String.join(" ", spec.argv()));
            lines.add("    cwd:   " + relative(root, spec.cwd()));
            if (spec.instances() > 1) {
                lines.add("    instances: " + spec.instances());
            }
            lines.add("    logs:  " + relative(root, spec.logs().outFile()) + "  "
                    + relative(root, spec.logs().errFile()));
            envLines(app, explain).forEach(lines::add);
            app.warnings().forEach(w -> lines.add("    warning: " + w));
            if (explain) {
                app.notes().forEach(n -> lines.add("    note:  " + n));
            }
        }
        return lines;
    }

    /** The env the user set, on one line; with --explain every variable the orchestrator sets, one per line. */
    private List<String> envLines(PlannedApp app, boolean explain) {
        Map<String, String> env = maskedEnv(app);
        if (explain) {
            return env.entrySet().stream().map(e -> "    env:   " + e.getKey() + "=" + e.getValue()).toList();
        }
        List<String> own = env.entrySet().stream().filter(e -> !STANDARD_ENV.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue()).toList();
        return own.isEmpty() ? List.of() : List.of("    env:   " + String.join(" ", own));
    }

    /** Set for every app; shown only with --explain so the default view shows what differs between apps. */
    private static final java.util.Set<String> STANDARD_ENV = java.util.Set.of("HEARTBEAT_PORT", "CHECK_INTERVAL",
            "HEARTBEAT_TIMEOUT", "PM2_PROCESS_NAME", "ORCHESTRATOR_APP", "PYTHONPATH", "PYTHONUNBUFFERED",
            "PIPENV_DONT_LOAD_ENV");

    String summary() {
        long failed = plan.apps().stream().filter(a -> !a.ok()).count();
        long disabled = plan.apps().stream().filter(a -> a.ok() && a.disabled()).count();
        long errors = problems().filter(Problem::isError).count();
        return plan.apps().size() + " apps: " + (plan.apps().size() - failed - disabled) + " ok, " + failed
                + " failed, " + disabled + " disabled; " + errors + " errors";
    }

    static String relative(Path root, Path path) {
        if (!path.startsWith(root) || path.equals(root)) {
            return path.toString();
        }
        // the names after the root's, as relativize gives them, without building a Path (three per app)
        String under = root.toString();
        String separator = root.getFileSystem().getSeparator();
        return path.toString().substring(under.length() + (under.endsWith(separator) ? 0 : separator.length()));
    }
}
