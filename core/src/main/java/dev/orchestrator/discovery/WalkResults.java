package dev.orchestrator.discovery;

import dev.orchestrator.descriptor.Problem;
import dev.orchestrator.descriptor.SourcePosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Collects what the walk finds. */
final class WalkResults {
    private final Path root;
    private final List<Path> descriptors = new ArrayList<>();
    private final List<DropIn> dropIns = new ArrayList<>();
    private final List<Explanation> explanations = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    WalkResults(Path root) {
        this.root = root;
    }

    /** A {@code /}-separated path from the project root, as ignore patterns and messages use it. */
    String rel(Path p) {
        if (!p.startsWith(root)) {
            return p.toString();
        }
        List<String> names = new ArrayList<>();
        root.relativize(p).forEach(n -> names.add(n.toString()));
        return String.join("/", names);
    }

    void descriptor(Path p) {
        descriptors.add(p);
    }

    void dropIn(DropIn d) {
        dropIns.add(d);
    }

    void explain(Path folder, Verdict v, String reason) {
        explanations.add(new Explanation(folder, v, reason));
    }

    void warn(Path at, String message) {
        problems.add(Problem.warning(SourcePosition.startOf(at), message));
    }

    void error(Path at, String message) {
        problems.add(Problem.error(SourcePosition.startOf(at), message));
    }

    /** Appends what a walk of a subtree found. */
    void addAll(WalkResults part) {
        descriptors.addAll(part.descriptors);
        dropIns.addAll(part.dropIns);
        explanations.addAll(part.explanations);
        problems.addAll(part.problems);
    }

    DiscoveryResult result() {
        return new DiscoveryResult(descriptors, dropIns, explanations, problems);
    }
}
