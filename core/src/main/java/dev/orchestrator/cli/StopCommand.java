package dev.orchestrator.cli;

import dev.orchestrator.control.ActionResult;
import dev.orchestrator.control.ControlClient;
import dev.orchestrator.control.ControlException;
import picocli.CommandLine.Command;

/** {@code orchestrator stop SELECTOR}: Stop the selected apps; they stay stopped across reloads until start. */
@Command(name = "stop", description = "Stop the selected apps; they stay stopped across reloads until start.")
final class StopCommand extends ActionCommand {

    @Override
    ActionResult act(ControlClient client, String selector) throws ControlException {
        return client.stop(selector);
    }
}
