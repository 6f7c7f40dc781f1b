package dev.orchestrator.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The patterns of one gitignore-syntax source (a {@code .orchestratorignore} file, or the {@code ignore:} list of
 * {@code orchestrator.yaml}), applying to the subtree of its folder. As in git, the last matching pattern decides.
 *
 * @param source   how the source is named in explanations, e.g. {@code services/.orchestratorignore}
 * @param base     the folder the patterns are relative to, as a {@code /}-separated path from the project root
 *                 ({@code ""} for the root itself)
 * @param patterns in file order
 */
public record IgnoreFile(String source, String base, List<IgnorePattern> patterns) {

    /** The source name of the {@code ignore:} list of {@code orchestrator.yaml}, which has no line numbers here. */
    public static final String SETTINGS_SOURCE = "orchestrator.yaml ignore:";

    public IgnoreFile {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(base, "base");
        patterns = List.copyOf(patterns);
    }

    /** Parses lines of gitignore syntax; line numbers are 1-based. */
    public static IgnoreFile parse(String source, String base, List<String> lines) {
        List<IgnorePattern> patterns = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            IgnorePattern.parse(lines.get(i), i + 1).ifPresent(patterns::add);
        }
        return new IgnoreFile(source, base, patterns);
    }

    /**
     * The last pattern matching the path, if any; the caller checks {@link IgnorePattern#negated()}.
     *
     * @param pathFromRoot {@code /}-separated path from the project root; must lie below {@link #base}
     */
    public Optional<IgnorePattern> lastMatch(String pathFromRoot, boolean isDir) {
        String relative = base.isEmpty() ? pathFromRoot : pathFromRoot.substring(base.length() + 1);
        for (int i = patterns.size() - 1; i >= 0; i--) {
            IgnorePattern p = patterns.get(i);
            if (p.matches(relative, isDir)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Where a pattern was written: {@code services/.orchestratorignore:3}, or {@code orchestrator.yaml ignore:}. */
    public String where(IgnorePattern pattern) {
        return source.equals(SETTINGS_SOURCE) ? source : source + ":" + pattern.line();
    }

    /** Applies to the path when the path lies strictly below this file's folder. */
    boolean covers(String pathFromRoot) {
        return base.isEmpty() ? !pathFromRoot.isEmpty() : pathFromRoot.startsWith(base + "/");
    }
}
