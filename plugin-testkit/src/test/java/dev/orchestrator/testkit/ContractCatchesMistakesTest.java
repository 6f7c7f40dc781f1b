package dev.orchestrator.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.orchestrator.spi.Detection;
import dev.orchestrator.spi.HostContext;
import dev.orchestrator.spi.LaunchPlan;
import dev.orchestrator.spi.LaunchRequest;
import dev.orchestrator.spi.PlanException;
import dev.orchestrator.spi.RuntimePlugin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.MultipleFailuresError;

/** Each contract test fails for the mistake it is about: the kit can tell a broken plugin from a good one. */
class ContractCatchesMistakesTest {

    @TempDir
    Path temp;

    private static RuntimePluginContract contract(Supplier<RuntimePlugin> plugin) {
        return new RuntimePluginContract() {
            @Override
            protected RuntimePlugin newPlugin() {
                return plugin.get();
            }

            @Override
            protected void writeApp(Path dir) throws IOException {
                Files.writeString(dir.resolve("app.good"), "print 'hi'\n");
            }

            @Override
            protected FakeHost hostWithInterpreter(Path projectRoot) {
                return FakeHost.of(projectRoot).withTool("good", Path.of("/usr/bin/good"));
            }
        };
    }

    @Test
    void anUpperCaseIdFails() {
        RuntimePluginContract contract = contract(() -> new GoodPlugin() {
            @Override
            public String id() {
                return "Good";
            }
        });

        AssertionFailedError e = assertThrows(AssertionFailedError.class, contract::idIsLowerCaseAndTheSameEveryTime);
        assertThat(e).hasMessageStartingWith("id 'Good' must match [a-z][a-z0-9_.-]*: users write it in runtime:");
    }

    @Test
    void anotherSpiVersionFails() {
        RuntimePluginContract contract = contract(() -> new GoodPlugin() {
            @Override
            public int spiVersion() {
                return 2;
            }
        });

        assertThrows(AssertionFailedError.class, contract::spiVersionIsTheOneThisSpiDefines);
    }

    @Test
    void detectThatReadsMarkersWithoutCareFailsOnOddFolders() {
        RuntimePluginContract contract = contract(() -> new GoodPlugin() {
            @Override
            public Detection detect(Path folder, HostContext host) {
                try {
                    return Detection.of(Detection.LIKELY, Files.readString(folder.resolve("app.good")));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });

        MultipleFailuresError e = assertThrows(MultipleFailuresError.class,
                () -> contract.detectNeverThrowsOnOddFolders(temp));
        assertThat(e.getFailures()).extracting(Throwable::getMessage)
                .anyMatch(m -> m.startsWith("detect() threw on " + temp.resolve("odd/symlink-loops")))
                .anyMatch(m -> m.startsWith("detect() threw on " + temp.resolve("odd/marker-folders")));
    }

    @Test
    void aPlanThatWritesAFileFails() {
        RuntimePluginContract contract = contract(() -> new GoodPlugin() {
            @Override
            public LaunchPlan plan(LaunchRequest request) throws PlanException {
                try {
                    Files.writeString(request.cwd().resolve(".cache"), "x");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return super.plan(request);
            }
        });

        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> contract.planNeitherSpawnsNorWrites(temp));
        assertThat(e).hasMessageStartingWith("plan() must not write files");
    }

    @Test
    void aPlanThatStartsAProcessFailsEvenWhenItHasExited() {
        RuntimePluginContract contract = contract(() -> new GoodPlugin() {
            @Override
            public LaunchPlan plan(LaunchRequest request) throws PlanException {
                try {
                    new ProcessBuilder("true").start().waitFor();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.plan(request);
            }
        });

        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> contract.planNeitherSpawnsNorWrites(temp));
        assertThat(e).hasMessageStartingWith("plan() must not start processes; ask the HostContext what you need to "
                + "know ==> expected: <[]> but was: <[true]>");
    }

    @Test
    void aPlanThatKeepsStateAcrossCallsFails() {
        RuntimePluginContract contract = contract(() -> new GoodPlugin() {
            private final AtomicInteger calls = new AtomicInteger();

            @Override
            public LaunchPlan plan(LaunchRequest request) {
                return LaunchPlan.builder(List.of("good", "call " + calls.incrementAndGet())).build();
            }
        });

        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> contract.planNamesAProgramAndIsTheSameEveryTime(temp));
        assertThat(e).hasMessageStartingWith("plan() must give the same plan for the same request: keep no state "
                + "across calls");
    }

    @Test
    void aPlanThatIgnoresAMissingInterpreterFails() {
        RuntimePluginContract contract = contract(() -> new GoodPlugin() {
            @Override
            public LaunchPlan plan(LaunchRequest request) {
                return LaunchPlan.builder(List.of("good")).build();
            }
        });

        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> contract.aMissingInterpreterIsAPlanExceptionWithARemedy(temp));
        assertThat(e).hasMessageStartingWith("with the interpreter missing, plan() must throw PlanException");
    }

    @Test
    void theFakeHostAnswersOnlyWhatTheTestPutOnItAndRemembersWhatWasAsked() {
        FakeHost host = FakeHost.of(temp).withTool("node", Path.of("/opt/node/bin/node"), "22.6.0");

        assertThat(host.which("node")).contains(Path.of("/opt/node/bin/node"));
        assertThat(host.toolVersion("node")).contains("22.6.0");
        assertThat(host.which("deno")).isEmpty();
        assertThat(host.asked()).containsExactly("node", "node", "deno");
        assertThat(FakeHost.of(temp).which("node")).isEmpty();
    }
}
