package dev.orchestrator.discovery;

import java.util.Optional;

/**
 * The ignore sources in force for one folder of the walk: an immutable stack, deepest file on top. As in git, a file
 * deeper in the tree overrides the ones above it, and the {@code ignore:} list of {@code orchestrator.yaml} sits at the
 * bottom. Pushing creates a new stack, so sibling subtrees never see each other's files.
 */
final class IgnoreRules {

    /** Why a path is ignored: the winning pattern and where it was written. */
    record Hit(IgnoreFile file, IgnorePattern pattern) {
        String describe() {
            return "ignored by " + file.where(pattern) + " '" + pattern.text() + "'";
        }
    }

    static final IgnoreRules NONE = new IgnoreRules(null, null);

    private final IgnoreFile top;
    private final IgnoreRules below;

    private IgnoreRules(IgnoreFile top, IgnoreRules below) {
        this.top = top;
        this.below = below;
    }

    IgnoreRules push(IgnoreFile file) {
        return file.patterns().isEmpty() ? this : new IgnoreRules(file, this);
    }

    /** The pattern that ignores the path, or empty when it is not ignored (no match, or re-included with {@code !}). */
    Optional<Hit> ignored(String pathFromRoot, boolean isDir) {
        for (IgnoreRules r = this; r.top != null; r = r.below) {
            if (!r.top.covers(pathFromRoot)) {
                continue;
            }
            Optional<IgnorePattern> hit = r.top.lastMatch(pathFromRoot, isDir);
            if (hit.isPresent()) {
                IgnorePattern p = hit.get();
                return p.negated() ? Optional.empty() : Optional.of(new Hit(r.top, p));
            }
        }
        return Optional.empty();
    }
}
