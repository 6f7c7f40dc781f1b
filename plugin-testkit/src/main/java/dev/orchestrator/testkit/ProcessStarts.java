package dev.orchestrator.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Records the processes this JVM starts while a plugin is called, with Flight Recorder's {@code jdk.ProcessStart}
 * event: it sees every {@link ProcessBuilder#start}, even of a process that has already exited, so "plan must not
 * spawn" is checked, not hoped for.
 */
final class ProcessStarts implements AutoCloseable {

    private final Recording recording = new Recording();
    private final long thread = Thread.currentThread().threadId();
    private final String pluginPackage;

    /** @param pluginClass starts from another thread count too when the plugin's code is on the stack */
    ProcessStarts(Class<?> pluginClass) {
        this.pluginPackage = pluginClass.getPackageName() + ".";
        recording.enable("jdk.ProcessStart").withStackTrace();
        recording.start();
    }

    /** Stops recording; returns the command lines started by the calling thread or by the plugin's code. */
    List<String> stop() {
        recording.stop();
        try {
            Path file = Files.createTempFile("plugin-contract-", ".jfr");
            try {
                recording.dump(file);
                return RecordingFile.readAllEvents(file).stream()
                        .filter(e -> e.getEventType().getName().equals("jdk.ProcessStart"))
                        .filter(this::ours)
                        .map(e -> e.getString("command"))
                        .toList();
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean ours(RecordedEvent event) {
        if (event.getThread() != null && event.getThread().getJavaThreadId() == thread) {
            return true;
        }
        return event.getStackTrace() != null && event.getStackTrace().getFrames().stream()
                .map(RecordedFrame::getMethod)
                .anyMatch(m -> m != null && m.getType().getName().startsWith(pluginPackage));
    }

    @Override
    public void close() {
        recording.close();
    }
}
