package dev.orchestrator.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdUnitTest {

    @TempDir
    Path temp;

    private Path launcher() throws IOException {
        Path launcher = temp.resolve("checkout/orchestrator");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        return launcher;
    }

    private SystemdUnit unit(UnitScope scope, Path root, Optional<String> user) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/home/me/.local/bin:/home/me/.nvm/versions/node/v20/bin:/usr/bin:/bin");
        env.put("HOME", "/home/me");
        return new SystemdUnit(scope, launcher(), root, Duration.ofMillis(20_500), env, user);
    }

    @Test
    void aUserUnitRunsUpInTheForegroundWithTheShellsPathAndAStopBudget() throws IOException {
        Path root = Files.createDirectories(temp.resolve("promethean"));
        String text = unit(UnitScope.USER, root, Optional.empty()).render();
        assertThat(text).isEqualTo("""
                # Written by 'orchestrator startup'; remove with 'orchestrator unstartup'.
                [Unit]
                Description=orchestrator: the services and agents of %1$s

                [Service]
                Type=simple
                ExecStart=%2$s up -C %1$s
                WorkingDirectory=%1$s
                Environment=PATH=/home/me/.local/bin:/home/me/.nvm/versions/node/v20/bin:/usr/bin:/bin
                Environment=HOME=/home/me
                Restart=on-failure
                KillMode=mixed
                TimeoutStopSec=21s

                [Install]
                WantedBy=default.target
                """.formatted(root, temp.resolve("checkout/orchestrator")));
        assertVerifies(text, root);
    }

    @Test
    void aSystemUnitRunsAsTheUserAfterTheNetwork() throws IOException {
        Path root = Files.createDirectories(temp.resolve("promethean"));
        String user = System.getProperty("user.name");
        String text = unit(UnitScope.SYSTEM, root, Optional.of(user)).render();
        assertThat(text).contains("Wants=network-online.target\nAfter=network-online.target\n")
                .contains("\nUser=" + user + "\n").endsWith("WantedBy=multi-user.target\n");
        assertVerifies(text, root);
    }

    @Test
    void pathsWithSpacesPercentAndDollarAreQuotedAndEscaped() throws IOException {
        Path root = Files.createDirectories(temp.resolve("my 100% $project"));
        SystemdUnit unit = unit(UnitScope.USER, root, Optional.empty());
        String text = unit.render();
        String shown = root.toString().replace("%", "%%");
        assertThat(text).contains("ExecStart=" + temp.resolve("checkout/orchestrator") + " up -C \""
                + shown.replace("$", "$$") + "\"\n");
        assertThat(text).contains("WorkingDirectory=" + shown + "\n");
        assertThat(SystemdUnit.quote("HOME=/home/a b$c", false)).isEqualTo("\"HOME=/home/a b$c\"");
        assertVerifies(text, root);
    }

    @Test
    void theUnitIsNamedAfterTheProjectAndAHashOfItsPath() {
        String a = UnitName.of(Path.of("/srv/promethean"));
        String b = UnitName.of(Path.of("/home/me/promethean"));
        assertThat(a).matches("orchestrator-promethean-[0-9a-f]{8}\\.service");
        assertThat(b).matches("orchestrator-promethean-[0-9a-f]{8}\\.service").isNotEqualTo(a);
        assertThat(UnitName.of(Path.of("/srv/my app"))).startsWith("orchestrator-my-app-");
    }

    /** systemd-analyze prints unknown keys and bad values as warnings and still exits 0: any output fails. */
    private void assertVerifies(String text, Path root) throws IOException {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed (apt-get install systemd): the "
                + "unit text was still asserted exactly, but not verified by systemd");
        Path file = temp.resolve(UnitName.of(root));
        Files.writeString(file, text);
        Process p = new ProcessBuilder(analyze.toString(), "verify", file.toString()).redirectErrorStream(true)
                .start();
        try {
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("systemd-analyze finished").isTrue();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(output).as("systemd-analyze verify output").isEmpty();
            assertThat(p.exitValue()).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            p.destroyForcibly();
        }
    }
}
