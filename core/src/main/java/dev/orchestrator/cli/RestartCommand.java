package dev.orchestrator.cli;

import dev.orchestrator.control.ActionResult;
import dev.orchestrator.control.ControlClient;
import dev.orchestrator.control.ControlException;
import picocli.CommandLine.Command;

/** {@code orchestrator restart SELECTOR}: Restart the selected apps with their current descriptors. */
@Command(name = "restart", description = "Restart the selected apps with their current descriptors.")
final class RestartCommand extends ActionCommand {

    @Override
    ActionResult act(ControlClient client, String selector) throws ControlException {
        return client.restart(selector);
    }
}
