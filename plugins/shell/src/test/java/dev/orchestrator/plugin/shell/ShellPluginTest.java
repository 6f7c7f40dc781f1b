package dev.orchestrator.plugin.shell;

import static dev.orchestrator.plugin.support.fixture.Fixture.file;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.plugin.support.fixture.FakeHost;
import dev.orchestrator.spi.Detection;
import dev.orchestrator.spi.RuntimePlugin;

import java.nio.file.Path;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registration and detection of the shell runtime. */
class ShellPluginTest {

    @TempDir
    Path folder;
    final ShellPlugin plugin = new ShellPlugin();

    @Test
    void isFoundByTheServiceLoaderWithItsIdAndSpiVersion() {
        assertThat(ServiceLoader.load(RuntimePlugin.class).stream().map(ServiceLoader.Provider::get))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p).isInstanceOf(ShellPlugin.class);
                    assertThat(p.id()).isEqualTo("shell");
                    assertThat(p.spiVersion()).isEqualTo(RuntimePlugin.SPI_VERSION);
                });
    }

    @Test
    void runShOrStartShIsLikely() {
        file(folder, "start.sh");
        assertThat(plugin.detect(folder, new FakeHost(folder))).isEqualTo(Detection.of(Detection.LIKELY, "start.sh"));

        file(folder, "run.sh");
        assertThat(plugin.detect(folder, new FakeHost(folder))).isEqualTo(Detection.of(Detection.LIKELY, "run.sh"));
    }

    @Test
    void otherScriptsAreNotMatched() {
        file(folder, "deploy.sh");

        assertThat(plugin.detect(folder, new FakeHost(folder))).isEqualTo(Detection.none("no run.sh or start.sh"));
        assertThat(plugin.detectionHints()).containsExactly("run.sh", "start.sh");
    }

    @Test
    void onlyShebangsNamingSomethingOtherThanShAreForeign() {
        assertThat(new Head("#!/bin/sh", false).foreignShebang()).isFalse();
        assertThat(new Head("#!/usr/bin/env sh", false).foreignShebang()).isFalse();
        assertThat(new Head("#! /bin/bash -e", false).foreignShebang()).isTrue();
        assertThat(new Head("#!/usr/bin/env python3", false).foreignShebang()).isTrue();
        assertThat(new Head("", false).foreignShebang()).isFalse();
    }

    @Test
    void detectionAsksTheHostSoAFileOnlyTheHostReportsCounts() {
        FakeHost host = new FakeHost(folder).pretendFile(folder.resolve("start.sh"));

        assertThat(plugin.detect(folder, host)).isEqualTo(Detection.of(Detection.LIKELY, "start.sh"));
        assertThat(host.probed()).containsExactly(folder.resolve("run.sh"), folder.resolve("start.sh"));
    }
}
