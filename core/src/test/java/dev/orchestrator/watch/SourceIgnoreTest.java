package dev.orchestrator.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.LogSpec;
import dev.orchestrator.plan.RotateSpec;
import dev.orchestrator.plan.WatchSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourceIgnoreTest {

    private static final Path ROOT = Specs.ROOT;
    private static final Path APP = ROOT.resolve("services/api");

    private static SourceIgnore ignore(List<String> globs, Path... ownLogs) {
        return new SourceIgnore(List.of(APP), globs, ROOT.resolve("logs"), ROOT.resolve(".orchestrator"),
                Set.of(ownLogs));
    }

    private static boolean file(SourceIgnore ignore, String rel) {
        return ignore.ignored(new PathChange(APP.resolve(rel), false));
    }

    @Test
    void builtInFoldersCompiledPythonAndDescriptorsAreAlwaysIgnored() {
        SourceIgnore ignore = ignore(List.of());

        assertThat(file(ignore, "node_modules/x/index.js")).isTrue();
        assertThat(file(ignore, "src/node_modules/x.js")).isTrue();
        assertThat(file(ignore, ".git/HEAD")).isTrue();
        assertThat(file(ignore, "pkg/__pycache__/a.cpython-312.pyc")).isTrue();
        assertThat(file(ignore, "a.pyc")).isTrue();
        assertThat(file(ignore, ".venv/bin/python")).isTrue();
        assertThat(file(ignore, "ecosystem.yaml")).isTrue();
        assertThat(file(ignore, "worker/ecosystem.json")).isTrue();
        assertThat(file(ignore, "main.py")).isFalse();
        assertThat(file(ignore, "src/app.js")).isFalse();
    }

    @Test
    void ignoreWatchGlobsMatchRelativeToTheWatchedFolder() {
        SourceIgnore ignore = ignore(List.of("*.log", "data/**", "**/tmp", "/build"));

        assertThat(file(ignore, "debug.log")).isTrue();
        assertThat(file(ignore, "sub/debug.log")).isTrue();
        assertThat(file(ignore, "data/a/b.json")).isTrue();
        assertThat(file(ignore, "x/y/tmp/z.txt")).isTrue();
        assertThat(file(ignore, "build/out.js")).isTrue();
        assertThat(file(ignore, "src/build/out.js")).isFalse();
        assertThat(file(ignore, "datafile.json")).isFalse();
    }

    @Test
    void aNegatedGlobReincludesAFile() {
        SourceIgnore ignore = ignore(List.of("*.json", "!config.json"));

        assertThat(file(ignore, "cache.json")).isTrue();
        assertThat(file(ignore, "config.json")).isFalse();
    }

    @Test
    void theLogsAndStateFoldersAreIgnored() {
        SourceIgnore ignore = ignore(List.of());

        assertThat(ignore.ignored(new PathChange(ROOT.resolve("logs/api-out.log"), false))).isTrue();
        assertThat(ignore.ignored(new PathChange(ROOT.resolve(".orchestrator/state.json"), false))).isTrue();
    }

    @Test
    void theAppsOwnLogFilesAndTheirRotationsAreIgnoredWhereverTheyAre() {
        SourceIgnore ignore = ignore(List.of(), APP.resolve("out.txt"));

        assertThat(file(ignore, "out.txt")).isTrue();
        assertThat(file(ignore, "out.txt.1")).isTrue();
        assertThat(file(ignore, "out.txt.2.gz")).isTrue();
        assertThat(file(ignore, "out.py")).isFalse();
    }

    @Test
    void logFilesCoverEveryInstance() {
        AppSpec spec = Specs.withInstances(Specs.spec("api"), 2);
        LogSpec logs = new LogSpec(APP.resolve("api-out.log"), APP.resolve("api-err.log"), false, Optional.empty(),
                RotateSpec.DEFAULT);
        AppSpec withLogs = new AppSpec(spec.name(), spec.namespace(), spec.runtime(), 2, spec.argv(), spec.cwd(),
                spec.env(), spec.source(), logs, spec.restart(), spec.stop(),
                new WatchSpec(List.of(APP), List.of(), Duration.ofMillis(100)), spec.secretKeys());

        assertThat(SourceIgnore.logFiles(withLogs)).containsExactlyInAnyOrder(APP.resolve("api-0-out.log"),
                APP.resolve("api-0-err.log"), APP.resolve("api-1-out.log"), APP.resolve("api-1-err.log"));
        SourceIgnore ignore = SourceIgnore.of(withLogs, ROOT.resolve("logs"), ROOT.resolve(".orchestrator"));
        assertThat(file(ignore, "api-1-err.log")).isTrue();
        assertThat(file(ignore, "api.py")).isFalse();
    }
}
