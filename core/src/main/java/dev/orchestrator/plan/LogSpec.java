package dev.orchestrator.plan;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an app's output goes. With one instance, or with {@code merge_logs}, every instance writes {@code outFile} and
 * {@code errFile}; otherwise instance {@code i} writes the same names with {@code -i} before the extension
 * ({@code logs/api-out.log} becomes {@code logs/api-1-out.log}... see {@link #outFile(int, int)}).
 *
 * @param outFile    stdout file for the app (absolute)
 * @param errFile    stderr file for the app (absolute)
 * @param merge      {@code merge_logs}: all instances share one pair of files
 * @param dateFormat {@code log_date_format}: a {@link java.time.format.DateTimeFormatter} pattern prefixed to each line
 * @param rotate     when to rotate the files
 */
public record LogSpec(Path outFile, Path errFile, boolean merge, Optional<String> dateFormat, RotateSpec rotate) {

    public LogSpec {
        Objects.requireNonNull(outFile, "outFile");
        Objects.requireNonNull(errFile, "errFile");
        Objects.requireNonNull(dateFormat, "dateFormat");
        Objects.requireNonNull(rotate, "rotate");
    }

    public Path outFile(int instance, int instances) {
        return perInstance(outFile, instance, instances);
    }

    public Path errFile(int instance, int instances) {
        return perInstance(errFile, instance, instances);
    }

    /**
     * {@code logs/api-out.log} -> {@code logs/api-1-out.log} when the name ends in {@code -out.log}/{@code -err.log}
     * (our default names), else {@code foo.log} -> {@code foo-1.log} (PM2's rule for custom names).
     */
    private Path perInstance(Path file, int instance, int instances) {
        if (merge || instances == 1) {
            return file;
        }
        String name = file.getFileName().toString();
        for (String suffix : new String[] {"-out.log", "-err.log"}) {
            if (name.endsWith(suffix)) {
                return file.resolveSibling(name.substring(0, name.length() - suffix.length()) + "-" + instance + suffix);
            }
        }
        int dot = name.lastIndexOf('.');
        String renamed = dot > 0 ? name.substring(0, dot) + "-" + instance + name.substring(dot) : name + "-" + instance;
        return file.resolveSibling(renamed);
    }
}
