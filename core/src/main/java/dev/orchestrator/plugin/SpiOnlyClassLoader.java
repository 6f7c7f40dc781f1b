package dev.orchestrator.plugin;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The parent of every plugin jar's class loader: the JDK (through the platform loader) plus the {@code dev.orchestrator.spi}
 * packages and resources, and nothing else. So a plugin cannot see, nor clash with, our Jackson, picocli or another
 * plugin's classes; and the built-ins' {@code META-INF/services} files do not leak into a jar's {@link
 * java.util.ServiceLoader} and look like duplicates.
 */
final class SpiOnlyClassLoader extends ClassLoader {

    static final String SPI_PACKAGE = "dev.orchestrator.spi.";
    private static final String SPI_PATH = "dev/orchestrator/spi/";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader spi;

    /** @param spi the loader that defines the SPI classes the host itself uses */
    SpiOnlyClassLoader(ClassLoader spi) {
        super("orchestrator-spi-only", ClassLoader.getPlatformClassLoader());
        this.spi = spi;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(SPI_PACKAGE)) {
            // The host's SPI classes, not a copy a plugin may have bundled: a LaunchPlan must be the host's LaunchPlan.
            return spi.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    protected URL findResource(String name) {
        return name.startsWith(SPI_PATH) ? spi.getResource(name) : null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        return name.startsWith(SPI_PATH) ? spi.getResources(name) : Collections.emptyEnumeration();
    }
}
