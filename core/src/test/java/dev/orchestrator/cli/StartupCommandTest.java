package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupCommandTest {

    @TempDir
    Path temp;

    private final String previousHome = System.getProperty("orchestrator.home");

    @AfterEach
    void restoreHome() {
        if (previousHome == null) {
            System.clearProperty("orchestrator.home");
        } else {
            System.setProperty("orchestrator.home", previousHome);
        }
    }

    private Path project() throws IOException {
        Path root = Files.createDirectories(temp.resolve("proj"));
        Path a = Files.createDirectories(root.resolve("services/a"));
        Files.writeString(a.resolve("ecosystem.yaml"), "{name: a, script: /bin/true, runtime: shell, "
                + "kill_timeout: 25s}\n");
        return root;
    }

    @Test
    void printShowsTheUnitWithoutWritingIt() throws IOException {
        Path root = project();
        Path checkout = Files.createDirectories(temp.resolve("checkout"));
        Path launcher = Files.writeString(checkout.resolve("orchestrator"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        System.setProperty("orchestrator.home", checkout.toString());
        Cli result = Cli.run("startup", "--print", "-C", root.toString());
        assertThat(result.exit()).isZero();
        assertThat(result.out()).startsWith("# Written by 'orchestrator startup'")
                .contains("\nExecStart=" + launcher + " up -C " + root + "\n")
                .contains("\nTimeoutStopSec=35s\n").contains("\nEnvironment=PATH=");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void withoutTheLauncherStartupSaysHowToRunIt() throws IOException {
        Path root = project();
        System.clearProperty("orchestrator.home");
        Cli result = Cli.run("startup", "--print", "-C", root.toString());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("orchestrator: the launcher's path is unknown: this JVM was not started "
                + "by the orchestrator launcher (system property orchestrator.home is unset); run "
                + "'<checkout>/orchestrator startup'\n");
    }

    @Test
    void userAndSystemExcludeEachOther() throws IOException {
        Cli result = Cli.run("startup", "--user", "--system", "-C", project().toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("mutually exclusive");
    }
}
