package dev.orchestrator.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orchestrator.control.AppDetails;
import dev.orchestrator.control.Codec;
import dev.orchestrator.control.ControlClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orchestrator describe NAME}: resolved spec, env (secrets masked), logs, restart history, last stderr. */
@Command(name = "describe", description = "Show one app as the running orchestrator sees it.")
final class DescribeCommand implements Callable<Integer> {

    @Mixin
    ProjectOption project;

    @Parameters(index = "0", paramLabel = "NAME", description = "The app (NAME:i is accepted and means the app).")
    String name;

    @Option(names = "--json", description = "Print {\"schema\":1,\"app\":{...}}.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String app = ControlCalls.selector(name).replaceFirst(":[0-9]+$", "");
        if (app.equals("all")) {
            throw new CliException(ExitCodes.USAGE, "describe takes one app name, not 'all'; run 'orchestrator ls' "
                    + "for every process");
        }
        Path root = project.root();
        ControlClient.Described described = ControlCalls.with(root, c -> c.describe(app));
        AppDetails details = described.app().orElseThrow(() -> new CliException(ExitCodes.FAILED,
                described.message()));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode node = ControlCalls.jsonObject();
            node.set("app", Codec.details(details));
            out.println(Json.write(node));
        } else {
            DescribeView.lines(details, root, Instant.now()).forEach(out::println);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
