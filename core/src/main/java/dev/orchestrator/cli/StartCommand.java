package dev.orchestrator.cli;

import dev.orchestrator.control.ActionResult;
import dev.orchestrator.control.ControlClient;
import dev.orchestrator.control.ControlException;
import picocli.CommandLine.Command;

/** {@code orchestrator start SELECTOR}: Start the selected apps and keep them wanted (undoes stop). */
@Command(name = "start", description = "Start the selected apps and keep them wanted (undoes stop).")
final class StartCommand extends ActionCommand {

    @Override
    ActionResult act(ControlClient client, String selector) throws ControlException {
        return client.start(selector);
    }
}
