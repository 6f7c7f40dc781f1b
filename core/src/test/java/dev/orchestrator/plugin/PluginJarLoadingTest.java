package dev.orchestrator.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.spi.LaunchRequest;
import dev.orchestrator.spi.PlanException;
import dev.orchestrator.spi.RuntimePlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin jars in the plugin folders: found, loaded in their own class loader, reported with their jar. */
class PluginJarLoadingTest {

    @TempDir
    Path temp;

    Path root;
    Path pluginFolder;
    Map<String, String> env;

    @BeforeEach
    void project() throws Exception {
        root = Files.createDirectories(temp.resolve("project"));
        pluginFolder = root.resolve(PluginDirs.PROJECT_FOLDER);
        env = Map.of("HOME", temp.resolve("home").toString());
    }

    PluginRegistry load() {
        return PluginRegistry.load(getClass().getClassLoader(), PluginDirs.forProject(root, List.of(), env));
    }

    static List<String> plan(RuntimePlugin plugin, Path cwd) throws PlanException {
        return plugin.plan(new LaunchRequest("app", cwd, Optional.empty(), List.of(), Optional.empty(), List.of(),
                Map.of(), new MachineFacts(cwd).forPath(""))).argv();
    }

    @Test
    void aJarInTheProjectPluginFolderIsLoadedAndReportsItsJar() throws Exception {
        Path jar = TestJars.jar(temp, "deno.jar").plugin(PluginSource.of("org.example.DenoPlugin", "deno"))
                .version("1.4.2").into(pluginFolder);

        PluginRegistry registry = load();

        assertThat(registry.problems()).isEmpty();
        PluginRegistry.Loaded deno = registry.plugins().stream().filter(p -> p.id().equals("deno")).findFirst()
                .orElseThrow();
        assertThat(deno.source()).isEqualTo(jar.toString());
        assertThat(deno.jar()).contains(jar);
        assertThat(deno.className()).isEqualTo("org.example.DenoPlugin");
        assertThat(deno.plugin().version()).isEqualTo("1.4.2");
        assertThat(deno.plugin().detectionHints()).containsExactly("deno.marker");
        assertThat(plan(registry.byId("deno").orElseThrow(), root)).containsExactly("deno", "planned");
    }

    @Test
    void theBuiltInsStayBuiltInAndTheirServiceFilesDoNotLeakIntoAJarAsDuplicates() {
        TestJars.jar(temp, "deno.jar").plugin(PluginSource.of("org.example.DenoPlugin", "deno")).into(pluginFolder);

        PluginRegistry registry = load();

        assertThat(registry.problems()).isEmpty();
        assertThat(registry.ids()).containsExactly("deno", "node", "python", "shell", "typescript");
        assertThat(registry.plugins()).filteredOn(p -> !p.id().equals("deno")).extracting(PluginRegistry.Loaded::source)
                .containsOnly(PluginRegistry.BUILT_IN);
    }

    @Test
    void thePerUserFolderIsSearchedAfterTheProjectFolder() {
        Path userFolder = PluginDirs.userFolder(env);
        Path jar = TestJars.jar(temp, "bun.jar").plugin(PluginSource.of("org.example.BunPlugin", "bun"))
                .into(userFolder);

        PluginRegistry registry = load();

        assertThat(registry.folders()).containsExactly(pluginFolder, temp.resolve("home/.config/orchestrator/plugins"));
        assertThat(registry.plugins()).filteredOn(p -> p.id().equals("bun")).extracting(PluginRegistry.Loaded::source)
                .containsExactly(jar.toString());
    }

    @Test
    void pluginDirsReplaceTheDefaultsRelativeToTheRootWithTildeForHome() {
        PluginDirs dirs = PluginDirs.forProject(root, List.of("tools/plugins", "~/shared/plugins"), env);

        assertThat(dirs.folders()).containsExactly(root.resolve("tools/plugins"),
                temp.resolve("home/shared/plugins"));
        assertThat(dirs.cache()).isEqualTo(root.resolve(".orchestrator/cache/plugin-jars"));
    }

    @Test
    void theUserFolderFollowsXdgConfigHome() {
        assertThat(PluginDirs.userFolder(Map.of("HOME", "/home/ann", "XDG_CONFIG_HOME", "/cfg")))
                .isEqualTo(Path.of("/cfg/orchestrator/plugins"));
        assertThat(PluginDirs.userFolder(Map.of("HOME", "/home/ann")))
                .isEqualTo(Path.of("/home/ann/.config/orchestrator/plugins"));
    }

    @Test
    void aPluginSeesNeitherTheOrchestratorsLibrariesNorItsServiceFiles() throws Exception {
        String plan = """
                String jackson;
                try {
                    Class.forName("com.fasterxml.jackson.databind.ObjectMapper");
                    jackson = "jackson visible";
                } catch (ClassNotFoundException e) {
                    jackson = "jackson hidden";
                }
                try {
                    int services = java.util.Collections.list(getClass().getClassLoader()
                            .getResources("META-INF/services/dev.orchestrator.spi.RuntimePlugin")).size();
                    String context = Thread.currentThread().getContextClassLoader() == getClass().getClassLoader()
                            ? "context is mine" : "context is not mine";
                    return LaunchPlan.builder(List.of(jackson, services + " service file", context)).build();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                """;
        TestJars.jar(temp, "peek.jar").plugin(PluginSource.of("org.example.Peek", "peek").plan(plan))
                .into(pluginFolder);

        RuntimePlugin peek = load().byId("peek").orElseThrow();

        assertThat(plan(peek, root)).containsExactly("jackson hidden", "1 service file", "context is mine");
    }

    @Test
    void twoPluginsBundlingDifferentVersionsOfOneLibraryEachSeeTheirOwn() throws Exception {
        for (String version : List.of("1.0", "2.0")) {
            String id = "v" + version.charAt(0);
            TestJars.jar(temp, id + ".jar")
                    .source("shared.Helper", "package shared; public class Helper { public static String version() "
                            + "{ return \"helper " + version + "\"; } }")
                    .plugin(PluginSource.of("org.example." + id.toUpperCase() + "Plugin", id)
                            .plan("return LaunchPlan.builder(List.of(\"" + id + "\", shared.Helper.version())).build();"))
                    .into(pluginFolder);
        }

        PluginRegistry registry = load();

        assertThat(registry.problems()).isEmpty();
        assertThat(plan(registry.byId("v1").orElseThrow(), root)).containsExactly("v1", "helper 1.0");
        assertThat(plan(registry.byId("v2").orElseThrow(), root)).containsExactly("v2", "helper 2.0");
    }

    @Test
    void aPluginBuiltForAnotherSpiIsRefusedNamingTheJarAndBothVersions() {
        Path jar = TestJars.jar(temp, "future.jar").plugin(PluginSource.of("org.example.Future", "future").spi(2))
                .into(pluginFolder);

        PluginRegistry registry = load();

        assertThat(registry.byId("future")).isEmpty();
        assertThat(registry.problems()).containsExactly("plugin 'future' (org.example.Future, " + jar + ") targets SPI "
                + "version 2 but this orchestrator speaks SPI version 1; upgrade the orchestrator, or use a release of "
                + "the plugin built for SPI 1");
    }

    @Test
    void anOlderSpiIsRefusedWithARebuildRemedy() {
        Path jar = TestJars.jar(temp, "old.jar").plugin(PluginSource.of("org.example.Old", "old").spi(0))
                .into(pluginFolder);

        assertThat(load().problems()).containsExactly("plugin 'old' (org.example.Old, " + jar + ") targets SPI version 0"
                + " but this orchestrator speaks SPI version 1; use a release of the plugin built for SPI 1");
    }

    @Test
    void aDuplicateIdAcrossTwoJarsNamesBothJarsAndTheFirstIsKept() throws Exception {
        Path a = TestJars.jar(temp, "a.jar").plugin(PluginSource.of("org.a.Deno", "deno")).into(pluginFolder);
        Path b = TestJars.jar(temp, "b.jar").plugin(PluginSource.of("org.b.Deno", "deno")).into(pluginFolder);

        PluginRegistry registry = load();

        assertThat(registry.problems()).containsExactly("plugin id 'deno' is provided twice: by org.a.Deno (" + a
                + ") and by org.b.Deno (" + b + "); remove one of them (until then the first is used)");
        assertThat(registry.plugins()).filteredOn(p -> p.id().equals("deno")).extracting(PluginRegistry.Loaded::source)
                .containsExactly(a.toString());
    }

    @Test
    void aJarRepeatingABuiltInIdIsRefusedAndTheBuiltInKept() {
        Path jar = TestJars.jar(temp, "myshell.jar").plugin(PluginSource.of("org.example.Shell", "shell"))
                .into(pluginFolder);

        PluginRegistry registry = load();

        assertThat(registry.problems()).containsExactly("plugin id 'shell' is provided twice: by "
                + "dev.orchestrator.plugin.shell.ShellPlugin (built-in) and by org.example.Shell (" + jar + "); remove "
                + "one of them (until then the first is used)");
        assertThat(registry.plugins()).filteredOn(p -> p.id().equals("shell"))
                .extracting(PluginRegistry.Loaded::source).containsExactly("built-in");
    }

    @Test
    void aConstructorThatThrowsIsReportedWithJarClassAndCauseAndOthersStillLoad() {
        Path jar = TestJars.jar(temp, "broken.jar").plugin(PluginSource.of("org.example.Broken", "broken")
                .constructor("if (true) throw new IllegalStateException(\"no config\");")).into(pluginFolder);
        TestJars.jar(temp, "fine.jar").plugin(PluginSource.of("org.example.Fine", "fine")).into(pluginFolder);

        PluginRegistry registry = load();

        assertThat(registry.problems()).containsExactly("plugin 'org.example.Broken' failed to load from " + jar
                + ": java.lang.IllegalStateException: no config; its runtime is unavailable until the plugin is fixed "
                + "or removed");
        assertThat(registry.ids()).contains("fine").doesNotContain("broken");
    }

    @Test
    void aDetectThatThrowsBecomesAFailureNamingClassAndJar() {
        Path jar = TestJars.jar(temp, "boom.jar").plugin(PluginSource.of("org.example.Boom", "boom")
                .detect("throw new IllegalStateException(\"detect broke\");")).into(pluginFolder);
        RuntimePlugin boom = load().byId("boom").orElseThrow();

        PluginFailure failure = org.junit.jupiter.api.Assertions.assertThrows(PluginFailure.class,
                () -> boom.detect(root, new MachineFacts(root).forPath("")));

        assertThat(failure).hasMessage("org.example.Boom from " + jar + " threw java.lang.IllegalStateException: "
                + "detect broke");
    }

    @Test
    void aPlanThatThrowsBecomesAPlanExceptionNamingClassJarAndApp() {
        Path jar = TestJars.jar(temp, "boom.jar").plugin(PluginSource.of("org.example.Boom", "boom")
                .plan("throw new NullPointerException(\"plan broke\");")).into(pluginFolder);
        RuntimePlugin boom = load().byId("boom").orElseThrow();

        PlanException failure = org.junit.jupiter.api.Assertions.assertThrows(PlanException.class,
                () -> plan(boom, root));

        assertThat(failure).hasMessage("plugin 'boom' (org.example.Boom from " + jar + ") failed while planning app "
                + "'app': java.lang.NullPointerException: plan broke; report it to the plugin's author, or set runtime: "
                + "to another plugin");
    }

    @Test
    void aPlanExceptionFromThePluginPassesThroughUnchanged() {
        TestJars.jar(temp, "picky.jar").plugin(PluginSource.of("org.example.Picky", "picky")
                .plan("throw new PlanException(\"deno not found on PATH\", \"install it or set interpreter:\");"))
                .into(pluginFolder);
        RuntimePlugin picky = load().byId("picky").orElseThrow();

        PlanException failure = org.junit.jupiter.api.Assertions.assertThrows(PlanException.class,
                () -> plan(picky, root));

        assertThat(failure).hasMessage("deno not found on PATH; install it or set interpreter:");
    }

    @Test
    void aJarIsCopiedBeforeLoadingSoOverwritingItCannotBreakTheLoadedPlugin() throws Exception {
        Path jar = TestJars.jar(temp, "lazy.jar")
                .source("org.example.Later", "package org.example; public class Later { public static String word() "
                        + "{ return \"loaded later\"; } }")
                .plugin(PluginSource.of("org.example.Lazy", "lazy")
                        .plan("return LaunchPlan.builder(List.of(org.example.Later.word())).build();"))
                .into(pluginFolder);
        PluginRegistry registry = load();
        RuntimePlugin lazy = registry.byId("lazy").orElseThrow();

        Files.write(jar, new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'j', 'a', 'r'});

        // Later is first loaded now, after the user's jar was overwritten: it comes from the private copy.
        assertThat(plan(lazy, root)).containsExactly("loaded later");
        Path loadedFrom = Path.of(((GuardedPlugin) lazy).delegate().getClass().getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        assertThat(loadedFrom.getParent()).isEqualTo(root.resolve(PluginDirs.PROJECT_CACHE));
        assertThat(loadedFrom.getFileName().toString()).matches("lazy-[0-9a-f]{16}\\.jar");
        assertThat(registry.plugins()).filteredOn(p -> p.id().equals("lazy")).extracting(PluginRegistry.Loaded::source)
                .containsExactly(jar.toString());
    }

    @Test
    void aFileThatIsNotAJarIsReportedAndTheRestLoads() throws Exception {
        Files.createDirectories(pluginFolder);
        Path bad = Files.writeString(pluginFolder.resolve("notes.jar"), "just text");
        TestJars.jar(temp, "fine.jar").plugin(PluginSource.of("org.example.Fine", "fine")).into(pluginFolder);

        PluginRegistry registry = load();

        assertThat(registry.problems()).singleElement().asString()
                .startsWith("plugin jar '" + bad + "' cannot be read: java.util.zip.ZipException: ")
                .endsWith("; replace it with a valid jar or remove it");
        assertThat(registry.ids()).contains("fine");
    }

    @Test
    void aJarWithoutAServiceFileSaysSoAndPointsAtDoctor() {
        Path jar = TestJars.jar(temp, "unregistered.jar").source("org.example.Quiet",
                PluginSource.of("org.example.Quiet", "quiet").source()).into(pluginFolder);

        assertThat(load().problems()).containsExactly("plugin jar '" + jar + "' registers no runtime plugin: "
                + "META-INF/services/dev.orchestrator.spi.RuntimePlugin is missing; list your plugin class in it "
                + "(orchestrator plugins doctor " + jar + " finds unregistered classes)");
    }

    @Test
    void aRegisteredClassThatIsMissingIsReportedWithTheJar() {
        Path jar = TestJars.jar(temp, "typo.jar").plugin(PluginSource.of("org.example.Real", "real"))
                .register("org.example.Typo").into(pluginFolder);

        PluginRegistry registry = load();

        assertThat(registry.problems()).containsExactly("plugin jar '" + jar + "' registers a class that cannot be "
                + "loaded: dev.orchestrator.spi.RuntimePlugin: Provider org.example.Typo not found; fix "
                + "META-INF/services/dev.orchestrator.spi.RuntimePlugin (orchestrator plugins doctor " + jar
                + " lists the problems)");
        assertThat(registry.ids()).contains("real");
    }
}
