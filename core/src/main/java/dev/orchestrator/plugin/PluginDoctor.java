package dev.orchestrator.plugin;

import dev.orchestrator.plugin.DoctorReport.Finding;
import dev.orchestrator.spi.RuntimePlugin;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.MethodInfo;
import io.github.classgraph.ScanResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Examines a plugin jar for the mistakes that keep it from loading, without the jar being installed: ClassGraph reads
 * the class files (implementations not registered in {@code META-INF/services}, the most common authoring mistake;
 * registered names that are missing, abstract, or not plugins; no public no-argument constructor; class files too new
 * for this JVM), then each registered class is created in an isolated class loader, exactly as loading does, to read
 * its id and the SPI version it returns (a method can compute anything, so the doctor asks rather than guesses from
 * bytecode).
 */
public final class PluginDoctor {

    private static final String SPI = RuntimePlugin.class.getName();
    private static final String SERVICE_FILE = PluginJars.SERVICE_FILE;

    private final List<String> builtInIds;

    /** @param builtInIds the ids of the built-in plugins (a jar providing one of them is refused at load) */
    public PluginDoctor(List<String> builtInIds) {
        this.builtInIds = List.copyOf(builtInIds);
    }

    public DoctorReport examine(Path jar) {
        List<Finding> findings = new ArrayList<>();
        if (!Files.isRegularFile(jar)) {
            findings.add(Finding.error(null, "file not found; pass the path of a plugin jar (mvn package writes it "
                    + "to target/)"));
            return new DoctorReport(jar, List.of(), findings);
        }
        Set<String> registered;
        boolean bundlesSpi;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            registered = registered(zip);
            bundlesSpi = zip.stream().anyMatch(e -> e.getName().startsWith("dev/orchestrator/spi/"));
        } catch (IOException e) {
            findings.add(Finding.error(null, "not a jar (" + e.getMessage() + "); build the plugin with mvn package "
                    + "and pass the jar it writes"));
            return new DoctorReport(jar, List.of(), findings);
        }
        List<String> loadable = scan(jar, registered, findings);
        if (bundlesSpi) {
            findings.add(Finding.warning(null, "the jar bundles the SPI classes (dev/orchestrator/spi/); they are "
                    + "ignored, the orchestrator's own SPI is used; declare orchestrator-spi with <scope>provided</scope>"));
        }
        List<DoctorReport.Plugin> plugins = new PluginProbe(jar, builtInIds).probe(loadable, findings);
        return new DoctorReport(jar, plugins, findings);
    }

    /** Class names listed in the service file; {@code #} starts a comment, as {@link java.util.ServiceLoader} reads it. */
    private static Set<String> registered(ZipFile zip) throws IOException {
        ZipEntry entry = zip.getEntry(SERVICE_FILE);
        Set<String> names = new LinkedHashSet<>();
        if (entry == null) {
            return names;
        }
        String text = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
        for (String line : text.split("\r?\n")) {
            int hash = line.indexOf('#');
            String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /** The checks on class files; returns the registered classes worth creating. */
    private static List<String> scan(Path jar, Set<String> registered, List<Finding> findings) {
        List<String> loadable = new ArrayList<>();
        int newestMajor = Runtime.version().feature() + 44;
        try (ScanResult scan = new ClassGraph().overrideClasspath(jar.toString()).enableClassInfo().enableMethodInfo()
                .ignoreClassVisibility().ignoreMethodVisibility().disableNestedJarScanning().scan()) {
            for (String name : registered) {
                ClassInfo info = scan.getClassInfo(name);
                if (info == null) {
                    findings.add(Finding.error(name, "registered class '" + name + "' is not in the jar; fix the name"
                            + " in " + SERVICE_FILE + " (a plugin is one jar: shade its dependencies into it)"));
                } else if (!info.implementsInterface(SPI)) {
                    findings.add(Finding.error(name, "registered class '" + name + "' does not implement " + SPI
                            + "; register the plugin class instead, or make it implement " + SPI));
                } else if (info.isAbstract() || info.isInterface()) {
                    findings.add(Finding.error(name, "registered class '" + name + "' is abstract; register a concrete "
                            + "class that extends it"));
                }
            }
            for (ClassInfo info : scan.getClassesImplementing(SPI)) {
                if (info.isAbstract() || info.isInterface()) {
                    continue;
                }
                String name = info.getName();
                boolean ok = checkCreatable(info, findings);
                if (info.getClassfileMajorVersion() > newestMajor) {
                    findings.add(Finding.error(name, "class '" + name + "' is compiled for Java "
                            + (info.getClassfileMajorVersion() - 44) + " but this orchestrator runs on Java "
                            + Runtime.version().feature() + "; compile with --release " + Runtime.version().feature()));
                    ok = false;
                }
                if (!registered.contains(name)) {
                    findings.add(Finding.error(name, "class '" + name + "' implements " + SPI + " but is not registered;"
                            + " add the line '" + name + "' to " + SERVICE_FILE));
                } else if (ok) {
                    loadable.add(name);
                }
            }
        }
        if (registered.isEmpty() && loadable.isEmpty() && findings.isEmpty()) {
            findings.add(Finding.error(null, "no class implements " + SPI + " and " + SERVICE_FILE + " is missing; "
                    + "implement the interface and register the class there (see docs/plugins.md)"));
        }
        return loadable;
    }

    /** {@link java.util.ServiceLoader} creates a public class through its public no-argument constructor. */
    private static boolean checkCreatable(ClassInfo info, List<Finding> findings) {
        String name = info.getName();
        if (info.isInnerClass() && !info.isStatic()) {
            findings.add(Finding.error(name, "class '" + name + "' is an inner class, so ServiceLoader cannot create it;"
                    + " declare it static, or move it to its own file"));
            return false;
        }
        if (!info.isPublic()) {
            findings.add(Finding.error(name, "class '" + name + "' is not public, so ServiceLoader cannot create it; "
                    + "declare it public"));
            return false;
        }
        boolean noArg = info.getDeclaredConstructorInfo().stream()
                .anyMatch(c -> c.isPublic() && c.getParameterInfo().length == 0);
        if (!noArg) {
            String simple = info.getSimpleName();
            String found = info.getDeclaredConstructorInfo().stream().map(PluginDoctor::signature).toList().toString();
            findings.add(Finding.error(name, "class '" + name + "' has no public no-argument constructor (found "
                    + found + "), so ServiceLoader cannot create it; add 'public " + simple + "() { ... }' and take "
                    + "what you need from the HostContext passed to detect and plan"));
            return false;
        }
        return true;
    }

    private static String signature(MethodInfo constructor) {
        return constructor.getModifiersStr() + " " + constructor.getClassInfo().getSimpleName() + "("
                + String.join(", ", java.util.Arrays.stream(constructor.getParameterInfo())
                        .map(p -> p.getTypeSignatureOrTypeDescriptor().toStringWithSimpleNames()).toList()) + ")";
    }
}
