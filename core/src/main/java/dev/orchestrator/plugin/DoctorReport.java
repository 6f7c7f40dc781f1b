package dev.orchestrator.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code orchestrator plugins doctor <jar>} found: the plugins that load cleanly and every problem, each with its
 * remedy.
 *
 * @param jar      the jar examined
 * @param plugins  registered classes that were created and answered sensibly
 * @param findings problems: errors first, then warnings, each in the order they were found
 */
public record DoctorReport(Path jar, List<Plugin> plugins, List<Finding> findings) {

    public DoctorReport {
        plugins = List.copyOf(plugins);
        findings = findings.stream().sorted(java.util.Comparator.comparing(Finding::severity)).toList();
    }

    /** True when nothing is wrong enough to stop the jar from loading. */
    public boolean clean() {
        return findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
    }

    /** How bad a finding is: an error stops the plugin from loading; a warning works but is likely a mistake. */
    public enum Severity {
        ERROR, WARNING;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One problem.
     *
     * @param className the class it is about, when it is about one
     * @param message   {@code <problem>; <remedy>}
     */
    public record Finding(Severity severity, Optional<String> className, String message) {
        static Finding error(String className, String message) {
            return new Finding(Severity.ERROR, Optional.ofNullable(className), message);
        }

        static Finding warning(String className, String message) {
            return new Finding(Severity.WARNING, Optional.ofNullable(className), message);
        }

        /** {@code plugins/deno.jar: error: class 'x' ...; remedy}, compiler style. */
        public String format(Path jar) {
            return jar + ": " + severity.label() + ": " + message;
        }
    }

    /** A registered plugin that was created in an isolated class loader and answered. */
    public record Plugin(String className, String id, int spiVersion, String version) {
    }
}
