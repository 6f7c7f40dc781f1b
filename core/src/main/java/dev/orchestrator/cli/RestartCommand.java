package dev.orchestrator.cli;

import picocli.CommandLine.Command;

/** {@code orchestrator restart SELECTOR}: Restart the selected apps with their current descriptors. */
@Command(name = "restart", description = "Restart the selected apps with their current descriptors.")
final class RestartCommand extends ActionCommand {

    @Override
    Verbs.Action action() {
        return Verbs.Action.RESTART;
    }
}
