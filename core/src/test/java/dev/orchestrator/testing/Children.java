package dev.orchestrator.testing;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds argv for fixture children: tiny Java mains on the current JDK with small-heap flags, or /bin/sh scripts. */
public final class Children {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    private Children() {
    }

    /** {@code java -cp target/test-classes <main> args...} with flags that make a JVM child start fast and small. */
    public static List<String> java(Class<?> main, String... args) {
        return javaWithClasspath(testClasses().toString(), main, args);
    }

    /** Like {@link #java} with this JVM's whole class path (for children that use main classes and libraries). */
    public static List<String> javaFullClasspath(Class<?> main, String... args) {
        return javaWithClasspath(System.getProperty("java.class.path"), main, args);
    }

    public static List<String> sh(String script) {
        return List.of("/bin/sh", "-c", script);
    }

    private static List<String> javaWithClasspath(String classpath, Class<?> main, String... args) {
        List<String> argv = new ArrayList<>(List.of(JAVA.toString(), "-Xmx16m", "-XX:+UseSerialGC", "-Xshare:auto",
                "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED", "-cp", classpath, main.getName()));
        argv.addAll(List.of(args));
        return argv;
    }

    private static Path testClasses() {
        try {
            return Path.of(Children.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
