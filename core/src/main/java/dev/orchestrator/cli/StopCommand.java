package dev.orchestrator.cli;

import picocli.CommandLine.Command;

/** {@code orchestrator stop SELECTOR}: Stop the selected apps; they stay stopped across reloads until start. */
@Command(name = "stop", description = "Stop the selected apps; they stay stopped across reloads until start.")
final class StopCommand extends ActionCommand {

    @Override
    Verbs.Action action() {
        return Verbs.Action.STOP;
    }
}
