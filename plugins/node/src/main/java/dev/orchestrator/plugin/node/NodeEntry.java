package dev.orchestrator.plugin.node;

import dev.orchestrator.plugin.support.Draft;
import dev.orchestrator.plugin.support.Folders;
import dev.orchestrator.plugin.support.PackageJson;
import dev.orchestrator.spi.HostContext;
import dev.orchestrator.spi.PlanException;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The file node runs for a package folder: package.json {@code main}, else {@code dist/index.js}, {@code index.js},
 * {@code main.js}, {@code server.js}. Always a file: node given a folder fails for ESM packages
 * (ERR_UNSUPPORTED_DIR_IMPORT, PM2's {@code script: "."} trap).
 */
final class NodeEntry {

    /** Conventional entry files after main; main.js and server.js because detection accepts them. */
    private static final List<String> CONVENTIONAL = List.of("dist/index.js", "index.js", "main.js", "server.js");

    private NodeEntry() {
    }

    static Path of(Path dir, HostContext host, Draft draft) throws PlanException {
        String where = Folders.shown(dir, host.projectRoot());
        Optional<PackageJson.Main> main = PackageJson.mainOf(dir, host);
        if (main.isPresent() && main.get().file().isPresent()) {
            Path file = main.get().file().get();
            String shown = dir.relativize(file).toString();
            draft.note(main.get().folder()
                    ? "package.json main '" + main.get().value() + "' is a folder: running its " + shown
                            + " (node is never given a folder: ESM packages fail with ERR_UNSUPPORTED_DIR_IMPORT)"
                    : "package.json main: running " + shown);
            return file;
        }
        main.ifPresent(m -> draft.warning("package.json main '" + m.value() + "' does not exist in " + where
                + "; looking for " + String.join(", ", CONVENTIONAL) + " instead"));
        for (String candidate : CONVENTIONAL) {
            Path file = dir.resolve(candidate);
            if (host.isFile(dir, candidate)) {
                draft.note((main.isEmpty() ? "no package.json main: " : "") + "running " + candidate);
                return file;
            }
        }
        String missingMain = main.map(m -> "package.json main '" + m.value() + "' does not exist, and no ")
                .orElse("no script:, package.json main, ");
        throw new PlanException("no entry file in " + where + ": " + missingMain + String.join(", ", CONVENTIONAL),
                "set script: to the entry file");
    }
}
