package dev.orchestrator.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.plugin.DoctorReport.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plugins doctor}: each authoring mistake that keeps a jar from loading is found, with its remedy. */
class PluginDoctorTest {

    private static final String SERVICES = "META-INF/services/dev.orchestrator.spi.RuntimePlugin";

    @TempDir
    Path temp;

    private DoctorReport examine(Path jar) {
        return new PluginDoctor(List.of("node", "python", "shell", "typescript")).examine(jar);
    }

    private static List<String> messages(DoctorReport report) {
        return report.findings().stream().map(f -> f.severity().label() + ": " + f.message()).toList();
    }

    @Test
    void aWellFormedJarIsCleanAndItsPluginIsListed() {
        Path jar = TestJars.jar(temp, "deno.jar").plugin(PluginSource.of("org.example.Deno", "deno")).version("2.0")
                .into(temp.resolve("out"));

        DoctorReport report = examine(jar);

        assertThat(report.findings()).isEmpty();
        assertThat(report.clean()).isTrue();
        assertThat(report.plugins()).containsExactly(new DoctorReport.Plugin("org.example.Deno", "deno", 1, "2.0"));
    }

    @Test
    void anImplementationMissingFromTheServiceFileIsTheFirstThingFound() {
        Path jar = TestJars.jar(temp, "two.jar").plugin(PluginSource.of("org.example.Deno", "deno"))
                .source("org.example.Bun", PluginSource.of("org.example.Bun", "bun").source()).into(temp.resolve("out"));

        DoctorReport report = examine(jar);

        assertThat(messages(report)).containsExactly("error: class 'org.example.Bun' implements "
                + "dev.orchestrator.spi.RuntimePlugin but is not registered; add the line 'org.example.Bun' to "
                + SERVICES);
        assertThat(report.findings().getFirst().className()).contains("org.example.Bun");
        assertThat(report.clean()).isFalse();
        assertThat(report.plugins()).extracting(DoctorReport.Plugin::id).containsExactly("deno");
    }

    @Test
    void anImplementationInAJarWithoutAnyServiceFileIsFound() {
        Path jar = TestJars.jar(temp, "bare.jar")
                .source("org.example.Bun", PluginSource.of("org.example.Bun", "bun").source()).into(temp.resolve("out"));

        assertThat(messages(examine(jar))).containsExactly("error: class 'org.example.Bun' implements "
                + "dev.orchestrator.spi.RuntimePlugin but is not registered; add the line 'org.example.Bun' to "
                + SERVICES);
    }

    @Test
    void anImplementationThroughAnAbstractBaseClassCountsToo() {
        Path jar = TestJars.jar(temp, "base.jar")
                .source("org.example.Base", "package org.example; public abstract class Base implements "
                        + "dev.orchestrator.spi.RuntimePlugin { }")
                .source("org.example.Bun", PluginSource.of("org.example.Bun", "bun").source()
                        .replace("implements RuntimePlugin", "extends Base"))
                .into(temp.resolve("out"));

        assertThat(messages(examine(jar))).containsExactly("error: class 'org.example.Bun' implements "
                + "dev.orchestrator.spi.RuntimePlugin but is not registered; add the line 'org.example.Bun' to "
                + SERVICES);
    }

    @Test
    void aRegisteredClassThatIsNotInTheJarIsReported() {
        Path jar = TestJars.jar(temp, "typo.jar").plugin(PluginSource.of("org.example.Deno", "deno"))
                .register("org.example.Dneo").into(temp.resolve("out"));

        assertThat(messages(examine(jar))).containsExactly("error: registered class 'org.example.Dneo' is not in the "
                + "jar; fix the name in " + SERVICES + " (a plugin is one jar: shade its dependencies into it)");
    }

    @Test
    void aRegisteredClassThatIsNotAPluginOrIsAbstractIsReported() {
        Path jar = TestJars.jar(temp, "odd.jar")
                .source("org.example.Util", "package org.example; public class Util { }")
                .source("org.example.Base", "package org.example; public abstract class Base implements "
                        + "dev.orchestrator.spi.RuntimePlugin { }")
                .register("org.example.Util").register("org.example.Base").into(temp.resolve("out"));

        assertThat(messages(examine(jar))).containsExactly(
                "error: registered class 'org.example.Util' does not implement dev.orchestrator.spi.RuntimePlugin; "
                        + "register the plugin class instead, or make it implement dev.orchestrator.spi.RuntimePlugin",
                "error: registered class 'org.example.Base' is abstract; register a concrete class that extends it");
    }

    @Test
    void aPluginWithoutAPublicNoArgumentConstructorIsReportedWithWhatItHas() {
        String source = PluginSource.of("org.example.Deno", "deno").source()
                .replace("public Deno() {", "public Deno(String config) {");
        Path jar = TestJars.jar(temp, "ctor.jar").source("org.example.Deno", source).register("org.example.Deno")
                .into(temp.resolve("out"));

        assertThat(messages(examine(jar))).containsExactly("error: class 'org.example.Deno' has no public "
                + "no-argument constructor (found [public Deno(String)]), so ServiceLoader cannot create it; add "
                + "'public Deno() { ... }' and take what you need from the HostContext passed to detect and plan");
    }

    @Test
    void aNonPublicOrInnerPluginClassIsReported() {
        Path jar = TestJars.jar(temp, "hidden.jar")
                .source("org.example.Outer", PluginSource.of("org.example.Outer", "outer").source()
                        .replace("public class Outer", "class Outer").replace("    }\n}\n",
                                "    }\n    public class Inner extends Outer { }\n}\n"))
                .register("org.example.Outer").register("org.example.Outer$Inner").into(temp.resolve("out"));

        assertThat(messages(examine(jar))).containsExactlyInAnyOrder(
                "error: class 'org.example.Outer' is not public, so ServiceLoader cannot create it; declare it public",
                "error: class 'org.example.Outer$Inner' is an inner class, so ServiceLoader cannot create it; declare "
                        + "it static, or move it to its own file");
    }

    @Test
    void aPluginReturningAnotherSpiVersionIsReportedAfterCreatingIt() {
        Path jar = TestJars.jar(temp, "future.jar").plugin(PluginSource.of("org.example.Future", "future").spi(2))
                .into(temp.resolve("out"));

        assertThat(messages(examine(jar))).containsExactly("error: class 'org.example.Future' targets SPI version 2 but"
                + " this orchestrator speaks SPI version 1; build it against orchestrator-spi with SPI_VERSION 1 and "
                + "return SPI_VERSION from spiVersion()");
    }

    @Test
    void aConstructorThatThrowsIsReportedWithItsCause() {
        Path jar = TestJars.jar(temp, "broken.jar").plugin(PluginSource.of("org.example.Broken", "broken")
                .constructor("if (true) throw new IllegalStateException(\"no config\");")).into(temp.resolve("out"));

        assertThat(messages(examine(jar))).containsExactly("error: class 'org.example.Broken' failed to load: "
                + "java.lang.IllegalStateException: no config; the constructor, id(), spiVersion(), version() and "
                + "detectionHints() must not throw (fix the plugin)");
    }

    @Test
    void anIdThatABuiltInAlreadyHasIsAnErrorAndAnUpperCaseIdAWarning() {
        Path jar = TestJars.jar(temp, "ids.jar").plugin(PluginSource.of("org.example.Py", "python"))
                .plugin(PluginSource.of("org.example.Deno", "Deno")).into(temp.resolve("out"));

        DoctorReport report = examine(jar);

        assertThat(messages(report)).containsExactly(
                "error: class 'org.example.Py' has id 'python', which a built-in plugin already provides, so the jar "
                        + "would be refused; choose another id",
                "warning: class 'org.example.Deno' has id 'Deno'; ids are what users write in runtime:, keep them "
                        + "lower case ([a-z][a-z0-9_.-]*)");
    }

    @Test
    void bundledSpiClassesAreAWarningOnly() throws Exception {
        Path jar = TestJars.jar(temp, "fat.jar").plugin(PluginSource.of("org.example.Deno", "deno"))
                .source("dev.orchestrator.spi.Extra", "package dev.orchestrator.spi; public class Extra { }")
                .into(temp.resolve("out"));

        DoctorReport report = examine(jar);

        assertThat(messages(report)).containsExactly("warning: the jar bundles the SPI classes (dev/orchestrator/spi/);"
                + " they are ignored, the orchestrator's own SPI is used; declare orchestrator-spi with "
                + "<scope>provided</scope>");
        assertThat(report.clean()).isTrue();
    }

    @Test
    void aMissingFileOrANonJarIsReported() throws Exception {
        Path text = Files.writeString(temp.resolve("notes.jar"), "text");

        assertThat(messages(examine(temp.resolve("missing.jar")))).containsExactly("error: file not found; pass the "
                + "path of a plugin jar (mvn package writes it to target/)");
        assertThat(messages(examine(text))).singleElement().asString().startsWith("error: not a jar (")
                .endsWith("); build the plugin with mvn package and pass the jar it writes");
    }

    @Test
    void aFindingIsPrintedCompilerStyleWithTheJar() {
        Finding finding = Finding.error("a.B", "problem; remedy");

        assertThat(finding.format(Path.of("plugins/deno.jar"))).isEqualTo("plugins/deno.jar: error: problem; remedy");
    }
}
