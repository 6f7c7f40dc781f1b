package dev.orchestrator.discovery;

import dev.orchestrator.spi.HostContext;
import dev.orchestrator.spi.RuntimePlugin;
import java.util.List;
import java.util.Objects;

/**
 * Walks the scan roots once and finds descriptors and drop-in service folders. Works on any {@link java.nio.file.FileSystem}.
 *
 * <ul>
 *   <li>Never descends into {@code node_modules}, {@code .git}, {@code .venv}, {@code venv}, {@code __pycache__},
 *       {@code target}, the logs or state folder, or anything the {@code ignore:} globs or a {@code .orchestratorignore}
 *       (gitignore syntax, applying to its folder's subtree; deeper files override shallower ones) exclude.</li>
 *   <li>Follows symlinks; a link leading back to a folder on its own path is reported and not followed.</li>
 *   <li>Descriptors count at any depth. Drop-ins are detected at depth 1 and 2 of a scan root only, never below a
 *       service (a folder with a descriptor, a drop-in, or a tie); plugins are asked once per candidate.</li>
 *   <li>Reads no file contents except {@code .orchestratorignore} files; plugins may read a few files in detect.</li>
 * </ul>
 * Thread-safe: each call walks on its own. Within a call, the first-level folders of a scan root are walked in
 * parallel, so plugins' {@code detect} may run on several threads at once (as {@code plan} already does).
 */
public final class Discovery {

    /** Folder names never walked or watched anywhere: dependency, VCS, virtualenv, cache and build folders. */
    public static final java.util.Set<String> NEVER_WALKED =
            java.util.Set.of("node_modules", ".git", ".venv", "venv", "__pycache__", "target");


    private final List<RuntimePlugin> plugins;
    private final HostContext host;
    private final FolderReader reader;

    /**
     * @param plugins the loaded runtime plugins, in the order their ids are listed in explanations
     * @param host    passed to {@link RuntimePlugin#detect}
     */
    public Discovery(List<RuntimePlugin> plugins, HostContext host) {
        this(plugins, host, FolderReader.DEFAULT);
    }

    Discovery(List<RuntimePlugin> plugins, HostContext host, FolderReader reader) {
        this.plugins = List.copyOf(plugins);
        this.host = Objects.requireNonNull(host, "host");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    public DiscoveryResult discover(DiscoverySettings settings) {
        return new TreeWalk(settings, new DropInDetector(plugins, host), reader).run();
    }
}
