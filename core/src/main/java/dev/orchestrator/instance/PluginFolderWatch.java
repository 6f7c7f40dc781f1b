package dev.orchestrator.instance;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Under {@code --watch}, the plugin folders ({@code .orchestrator/plugins/}, the per-user folder, {@code plugin_dirs}):
 * a jar dropped in, replaced or removed calls {@code onChange} once things are quiet for a moment (a copy arrives in
 * several writes). The tree watch never sees these folders, since it skips the state folder.
 */
final class PluginFolderWatch implements AutoCloseable {

    private static final long QUIET_MS = 300;

    private final WatchService service;
    private final Thread thread;

    private PluginFolderWatch(WatchService service, Runnable onChange) {
        this.service = service;
        this.thread = Thread.ofPlatform().daemon().name("orchestrator-plugin-watch").start(() -> run(onChange));
    }

    /** Watches the folders that exist now; returns null when there is none to watch. */
    static PluginFolderWatch start(List<Path> folders, Runnable onChange) throws IOException {
        List<Path> existing = folders.stream().filter(Files::isDirectory).toList();
        if (existing.isEmpty()) {
            return null;
        }
        WatchService service = FileSystems.getDefault().newWatchService();
        for (Path folder : existing) {
            folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        }
        return new PluginFolderWatch(service, onChange);
    }

    private void run(Runnable onChange) {
        try {
            while (true) {
                WatchKey key = service.take();
                drain(key);
                // debounce: keep taking events until none arrives for QUIET_MS
                for (WatchKey more = service.poll(QUIET_MS, TimeUnit.MILLISECONDS); more != null;
                        more = service.poll(QUIET_MS, TimeUnit.MILLISECONDS)) {
                    drain(more);
                }
                onChange.run();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // the thread ends on the closed service either way
        }
        thread.interrupt();
    }
}
