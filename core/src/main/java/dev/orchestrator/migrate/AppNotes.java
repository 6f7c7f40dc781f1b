package dev.orchestrator.migrate;

import java.nio.file.Path;
import java.util.List;

/** Collects the findings about one app of one config file. */
final class AppNotes {

    private final Path file;
    private final String app;
    private final List<Finding> sink;

    AppNotes(Path file, String app, List<Finding> sink) {
        this.file = file;
        this.app = app;
        this.sink = sink;
    }

    AppNotes named(String name) {
        return new AppNotes(file, name, sink);
    }

    void add(Finding.Kind kind, String message) {
        sink.add(Finding.of(file, app, kind, message));
    }

    void mapped(String message) {
        add(Finding.Kind.MAPPED, message);
    }

    void dropped(String message) {
        add(Finding.Kind.DROPPED, message);
    }

    void unsupported(String message) {
        add(Finding.Kind.UNSUPPORTED, message);
    }

    void warning(String message) {
        add(Finding.Kind.WARNING, message);
    }
}
