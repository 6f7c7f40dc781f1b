package dev.orchestrator.cli;

import dev.orchestrator.cli.logfiles.LogStream;
import dev.orchestrator.control.ControlClient;
import dev.orchestrator.control.ControlException;
import dev.orchestrator.control.ProcessRow;
import dev.orchestrator.control.Selector;
import dev.orchestrator.plan.PlannedApp;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which log streams {@code logs NAME} means. Apps and instances come from the file names. A namespace is not in a
 * file name: it is asked of the running orchestrator, else read from the descriptors (only then are they loaded).
 */
final class LogSelection {

    private final Path root;
    private final Path folder;
    private final List<LogStream> catalog;

    LogSelection(Path root, Path folder, List<LogStream> catalog) {
        this.root = root;
        this.folder = folder;
        this.catalog = catalog;
    }

    List<LogStream> select(String target) {
        if (target == null) {
            return catalog;
        }
        Selector selector;
        try {
            selector = Selector.parse(target);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        List<LogStream> picked = switch (selector) {
            case Selector.All a -> catalog;
            case Selector.Instance i -> catalog.stream().filter(s -> s.app().equals(i.name())
                    && s.instance().orElse(0) == i.instance()).toList();
            case Selector.Named n -> {
                List<LogStream> app = catalog.stream().filter(s -> s.app().equals(n.name())).toList();
                if (!app.isEmpty()) {
                    yield app;
                }
                Set<String> members = namespaceMembers(n.name());
                yield catalog.stream().filter(s -> members.contains(s.app())).toList();
            }
        };
        if (picked.isEmpty() && !(selector instanceof Selector.All)) {
            Set<String> names = new LinkedHashSet<>();
            catalog.forEach(s -> names.add(s.app()));
            String have = names.isEmpty() ? "the folder holds no log files yet"
                    : "apps with log files are " + String.join(", ", names);
            throw new CliException(ExitCodes.FAILED, "app or namespace '" + target + "' has no logs in "
                    + ConfigView.relative(root, folder) + ": " + have + "; check the name with 'orchestrator config'");
        }
        return picked;
    }

    /** The apps of namespace {@code name}: from the running orchestrator, else from the descriptors. */
    private Set<String> namespaceMembers(String name) {
        Set<String> members = new LinkedHashSet<>();
        try (ControlClient client = ControlClient.connect(root, Entry.version())) {
            for (ProcessRow row : client.list()) {
                if (row.namespace().equals(name)) {
                    members.add(row.name());
                }
            }
            return members;
        } catch (ControlException e) {
            // nothing running (or unreachable): the descriptors say which apps a namespace holds
        }
        try {
            for (PlannedApp app : Projects.load(root).apps()) {
                if (app.namespace().equals(name)) {
                    members.add(app.name());
                }
            }
        } catch (RuntimeException e) {
            // an unreadable project: the name is reported as unknown with the apps that have logs
        }
        return members;
    }
}
