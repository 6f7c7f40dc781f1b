package dev.orchestrator.cli;

import dev.orchestrator.discovery.ExplainReport;
import dev.orchestrator.plan.ProjectPlan;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code orchestrator config}: discover, validate and print what would run, how, and why. Exit 1 when anything failed. */
@Command(name = "config", description = "Discover and validate descriptors; print the resolved apps.")
final class ConfigCommand implements Callable<Integer> {

    @Mixin
    ProjectOption project;

    @Option(names = "--json", description = "Print the config object (schema 1) instead of text.")
    boolean json;

    @Option(names = "--explain", description = "Also say, for each folder, why it was or was not picked up.")
    boolean explain;

    @Option(names = "--show-secrets", description = "Print env values from env files and secret-looking keys.")
    boolean showSecrets;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ProjectPlan plan = Projects.load(project.root());
        ConfigView view = new ConfigView(plan, showSecrets);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (json) {
            out.println(Json.write(view.json()));
        } else {
            printAll(err, view.problemLines());
            List<String> lines = new ArrayList<>();
            if (explain) {
                lines.add("Discovery:");
                ExplainReport.format(plan.discovery(), plan.root()).forEach(line -> lines.add("  " + line));
                lines.add("");
            }
            lines.addAll(view.appLines(explain));
            lines.add(view.summary());
            printAll(out, lines);
        }
        out.flush();
        err.flush();
        return plan.hasFailures() ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /** One write for all lines: picocli's writers flush at every println, a system call per line (45,000 here). */
    private static void printAll(PrintWriter to, List<String> lines) {
        StringBuilder text = new StringBuilder(lines.size() * 48);
        String newline = System.lineSeparator();
        lines.forEach(line -> text.append(line).append(newline));
        to.print(text);
        to.flush(); // print does not flush: problems on stderr must still come out before the apps
    }
}
