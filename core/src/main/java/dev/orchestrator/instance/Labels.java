package dev.orchestrator.instance;

import dev.orchestrator.supervisor.ProcessView;
import dev.orchestrator.supervisor.Supervisor;
import java.util.Optional;

/** Finds the app and instance behind a process label ({@code api}, {@code api-1}) among the supervisor's processes. */
final class Labels {

    record Address(String name, int instance) {
    }

    private Labels() {
    }

    static Optional<Address> resolve(Supervisor supervisor, String label) {
        return supervisor.snapshot().stream().filter(v -> v.label().equals(label)).findFirst()
                .map(v -> new Address(v.name(), v.instance()))
                .or(() -> Optional.of(new Address(label, 0)));
    }

    static Address of(ProcessView view) {
        return new Address(view.name(), view.instance());
    }
}
