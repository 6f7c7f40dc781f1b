package dev.orchestrator.plugin;

import dev.orchestrator.spi.RuntimePlugin;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds tiny plugin jars inside a test: Java sources compiled against the SPI with {@code javax.tools}, packed with
 * {@code java.util.jar}, with whatever {@code META-INF/services} file the test wants (or none).
 */
public final class TestJars {

    private final Path workDir;
    private final String name;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private String services;
    private String version;
    private String mainClass;

    private TestJars(Path workDir, String name) {
        this.workDir = workDir;
        this.name = name;
    }

    /** A jar named {@code name} (e.g. {@code deno.jar}); sources and classes go under {@code workDir}. */
    public static TestJars jar(Path workDir, String name) {
        return new TestJars(workDir, name);
    }

    /** Adds a class: {@code className} is fully qualified, {@code body} its whole source file. */
    public TestJars source(String className, String body) {
        sources.put(className, body);
        return this;
    }

    /** Adds {@link PluginSource}'s plugin and registers it in the service file. */
    public TestJars plugin(PluginSource plugin) {
        source(plugin.className(), plugin.source());
        return register(plugin.className());
    }

    /** Appends {@code className} to {@code META-INF/services/dev.orchestrator.spi.RuntimePlugin}. */
    public TestJars register(String className) {
        services = (services == null ? "" : services) + className + "\n";
        return this;
    }

    /** The manifest's Implementation-Version, which a plugin's default {@code version()} returns. */
    public TestJars version(String implementationVersion) {
        this.version = implementationVersion;
        return this;
    }

    /** The manifest's Main-Class, for an app jar that {@code java -jar} runs. */
    public TestJars mainClass(String className) {
        this.mainClass = className;
        return this;
    }

    /** Compiles and packs the jar into {@code folder}; returns its path. */
    public Path into(Path folder) {
        try {
            Path work = Files.createDirectories(workDir.resolve("build-" + name + "-" + System.nanoTime()));
            Path src = Files.createDirectories(work.resolve("src"));
            Path classes = Files.createDirectories(work.resolve("classes"));
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", spiClassPath(),
                    "--release", "25", "-nowarn"));
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
                args.add(file.toString());
            }
            compile(args);
            Files.createDirectories(folder);
            Path jar = folder.resolve(name);
            pack(classes, jar);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void compile(List<String> args) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        int exit = javac.run(null, null, new java.io.PrintStream(OutputStream.nullOutputStream()) {
            @Override
            public void write(byte[] b, int off, int len) {
                errors.write(new String(b, off, len, StandardCharsets.UTF_8));
            }
        }, args.toArray(String[]::new));
        if (exit != 0) {
            throw new IllegalStateException("test plugin does not compile:\n" + errors);
        }
    }

    private void pack(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        if (version != null) {
            manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString()));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
            if (services != null) {
                out.putNextEntry(new JarEntry("META-INF/services/" + RuntimePlugin.class.getName()));
                out.write(services.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }

    /** Where the SPI classes are: spi/target/classes in the reactor, or the SPI jar. */
    static String spiClassPath() {
        try {
            return Path.of(RuntimePlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
