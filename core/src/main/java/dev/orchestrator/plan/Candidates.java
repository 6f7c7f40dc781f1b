package dev.orchestrator.plan;

import dev.orchestrator.descriptor.AppEntry;
import dev.orchestrator.descriptor.AppKey;
import dev.orchestrator.descriptor.FileLevel;
import dev.orchestrator.descriptor.ParsedDescriptor;
import dev.orchestrator.descriptor.RootConfig;
import dev.orchestrator.descriptor.SourcePosition;
import dev.orchestrator.discovery.DropIn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns parsed descriptors and drop-in folders into {@link AppCandidate}s, and works out which folders are claimed. */
final class Candidates {

    private final Path root;
    private final RootConfig config;

    Candidates(Path root, RootConfig config) {
        this.root = root;
        this.config = config;
    }

    /** Service folders named by enabled apps of valid descriptors: they are run by that app, not as drop-ins. */
    Map<Path, String> claims(List<ParsedDescriptor> descriptors) {
        Map<Path, String> claims = new LinkedHashMap<>();
        for (ParsedDescriptor d : descriptors) {
            if (d.hasErrors()) {
                continue;
            }
            for (AppEntry app : d.apps()) {
                AppEntry merged = app.over(config.defaults());
                if (merged.get(AppKey.DISABLED, Boolean.class).orElse(false)) {
                    continue;
                }
                merged.string(AppKey.SERVICE).ifPresent(service -> claims.putIfAbsent(
                        d.folder().resolve(service).normalize(),
                        "app '" + name(app, d.folder()) + "' in " + root.relativize(d.file())));
            }
        }
        return claims;
    }

    List<AppCandidate> fromDescriptor(ParsedDescriptor d) {
        List<AppCandidate> out = new ArrayList<>();
        Optional<String> agent = agentOf(d.folder());
        for (AppEntry app : d.apps()) {
            out.add(new AppCandidate(name(app, d.folder()), app.position(), d.file(), d.folder(), app, d.fileLevel(),
                    agent, Optional.empty()));
        }
        return out;
    }

    AppCandidate fromDropIn(DropIn dropIn) {
        SourcePosition at = SourcePosition.startOf(dropIn.folder());
        return new AppCandidate(dropIn.appName(), at, dropIn.folder(), dropIn.folder(), new AppEntry(at, Map.of()),
                FileLevel.EMPTY, agentOf(dropIn.folder()), Optional.of(dropIn.runtimeId()));
    }

    private static String name(AppEntry app, Path folder) {
        return app.string(AppKey.NAME).orElse(folder.getFileName().toString());
    }

    /** {@code <root>/agents/<agent>/...} belongs to agent {@code <agent>}. */
    private Optional<String> agentOf(Path folder) {
        Path agents = root.resolve("agents");
        if (!folder.startsWith(agents) || folder.equals(agents)) {
            return Optional.empty();
        }
        return Optional.of(agents.relativize(folder).getName(0).toString());
    }
}
