package dev.orchestrator.cli;

import picocli.CommandLine.Command;

/** {@code orchestrator start SELECTOR}: Start the selected apps and keep them wanted (undoes stop). */
@Command(name = "start", description = "Start the selected apps and keep them wanted (undoes stop).")
final class StartCommand extends ActionCommand {

    @Override
    Verbs.Action action() {
        return Verbs.Action.START;
    }
}
