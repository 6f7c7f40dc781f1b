package dev.orchestrator.plugin;

import dev.orchestrator.spi.RuntimePlugin;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.zip.ZipFile;

/**
 * Finds the {@code *.jar} files of the plugin folders and opens each in its own class loader over a private copy, whose
 * parent exposes only the SPI ({@link SpiOnlyClassLoader}): a plugin is one jar (shaded when it has dependencies), and
 * two plugins may bundle different versions of one library.
 */
final class PluginJars {

    /** A provider found in a jar, with the jar it came from (the user's file, not the copy). */
    record Found(ServiceLoader.Provider<RuntimePlugin> provider, Path jar, URLClassLoader loader) {
    }

    static final String SERVICE_FILE = "META-INF/services/" + RuntimePlugin.class.getName();

    private final SpiOnlyClassLoader parent = new SpiOnlyClassLoader(RuntimePlugin.class.getClassLoader());
    private final List<String> problems;
    private final JarCache cache;

    PluginJars(Path cacheDir, List<String> problems) {
        this.cache = new JarCache(cacheDir);
        this.problems = problems;
    }

    /** Every provider of every jar in {@code folders}, in folder order then file name order. */
    List<Found> load(List<Path> folders) {
        List<Found> found = new ArrayList<>();
        Set<Path> copies = new HashSet<>();
        for (Path jar : jars(folders)) {
            open(jar, copies).ifPresent(loader -> found.addAll(providers(jar, loader)));
        }
        if (!copies.isEmpty()) {
            cache.prune(copies, Instant.now());
        }
        return found;
    }

    /** The jars in the folders; a folder reached twice (a symlink, the same folder listed twice) counts once. */
    private List<Path> jars(List<Path> folders) {
        Set<Path> seenFolders = new HashSet<>();
        Set<Path> jars = new LinkedHashSet<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder) || !seenFolders.add(realPath(folder))) {
                continue;
            }
            List<Path> inFolder = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.jar")) {
                entries.forEach(e -> {
                    if (Files.isRegularFile(e)) {
                        inFolder.add(e);
                    }
                });
            } catch (IOException e) {
                problems.add("plugin folder '" + folder + "' cannot be read: " + e + "; fix its permissions or remove "
                        + "it from plugin_dirs");
            }
            inFolder.stream().sorted().forEach(jars::add);
        }
        return List.copyOf(jars);
    }

    private Optional<URLClassLoader> open(Path jar, Set<Path> copies) {
        Path copy;
        try {
            copy = cache.copy(jar);
            copies.add(copy);
            try (ZipFile zip = new ZipFile(copy.toFile())) {
                zip.size(); // Fails now, with the jar's name, rather than deep inside ServiceLoader.
            }
        } catch (IOException e) {
            problems.add("plugin jar '" + jar + "' cannot be read: " + e + "; replace it with a valid jar or remove it");
            return Optional.empty();
        }
        try {
            URL url = copy.toUri().toURL();
            return Optional.of(new URLClassLoader("plugin:" + jar.getFileName(), new URL[] {url}, parent));
        } catch (IOException e) {
            problems.add("plugin jar '" + jar + "' cannot be opened: " + e + "; remove it");
            return Optional.empty();
        }
    }

    private List<Found> providers(Path jar, URLClassLoader loader) {
        List<Found> found = new ArrayList<>();
        int broken = 0;
        var iterator = ServiceLoader.load(RuntimePlugin.class, loader).stream().iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                found.add(new Found(iterator.next(), jar, loader));
            } catch (ServiceConfigurationError | LinkageError e) {
                broken++;
                problems.add("plugin jar '" + jar + "' registers a class that cannot be loaded: " + e.getMessage()
                        + "; fix " + SERVICE_FILE + " (orchestrator plugins doctor " + jar + " lists the problems)");
            }
        }
        if (found.isEmpty() && broken == 0) {
            String what = loader.findResource(SERVICE_FILE) == null ? "is missing" : "names no class";
            problems.add("plugin jar '" + jar + "' registers no runtime plugin: " + SERVICE_FILE + " " + what
                    + "; list your plugin class in it (orchestrator plugins doctor " + jar + " finds unregistered "
                    + "classes)");
        }
        if (found.isEmpty()) {
            close(loader);
        }
        return found;
    }

    static void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            // Closing only releases the copy's file handle; nothing to report.
        }
    }

    private static Path realPath(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            return folder.toAbsolutePath().normalize();
        }
    }
}
