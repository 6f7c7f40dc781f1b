package dev.orchestrator.cli;

import dev.orchestrator.control.AppDetails;
import dev.orchestrator.control.ProcessRow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code describe} as text: the spec like {@code config} prints it, then processes, restarts and the last stderr. */
final class DescribeView {

    private DescribeView() {
    }

    static List<String> lines(AppDetails d, Path root, Instant now) {
        List<String> lines = new ArrayList<>();
        lines.add(d.name() + "  [" + d.runtime() + ", namespace " + d.namespace() + "]  "
                + ConfigView.relative(root, d.source()));
        lines.add("    argv:  " + String.join(" ", d.argv()));
        lines.add("    cwd:   " + ConfigView.relative(root, d.cwd()));
        d.env().forEach((k, v) -> lines.add("    env:   " + k + "=" + v));
        for (AppDetails.LogFiles l : d.logs()) {
            lines.add("    logs:  " + (d.logs().size() > 1 ? l.instance() + ": " : "")
                    + ConfigView.relative(root, l.outFile()) + "  " + ConfigView.relative(root, l.errFile()));
        }
        lines.add("  processes:");
        for (ProcessRow r : d.processes()) {
            lines.add("    " + r.name() + ":" + r.instance() + "  " + r.status().wireName()
                    + (r.pid().isPresent() ? "  pid " + r.pid().getAsLong() : "")
                    + (r.uptimeMs() > 0 ? "  up " + LsTable.duration(java.time.Duration.ofMillis(r.uptimeMs())) : "")
                    + "  restarts " + r.restarts() + "  last exit " + LsTable.lastExit(r.lastExit(), now));
        }
        lines.add("  restart history:" + (d.restartHistory().isEmpty() ? " none" : ""));
        for (AppDetails.RestartRecord r : d.restartHistory()) {
            String exit = r.code() != null ? "code " + r.code() : r.signal() != null ? r.signal() : "running";
            lines.add("    " + r.at() + "  " + d.name() + ":" + r.instance() + "  " + exit + "  " + r.reason());
        }
        if (!d.lastStderr().isEmpty()) {
            lines.add("  last stderr before the last crash:");
            d.lastStderr().forEach(l -> lines.add("    | " + l));
        }
        return lines;
    }
}
