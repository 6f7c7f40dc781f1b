package dev.orchestrator.discovery;

import dev.orchestrator.descriptor.Problem;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one walk found. Every list is sorted by path (problems by file, then message), so output is stable.
 *
 * @param descriptors  absolute paths of {@code ecosystem.yaml/.yml/.json} files to parse
 * @param dropIns      service folders without a descriptor that one plugin recognised
 * @param explanations one per folder considered
 * @param problems     warnings (symlink loop, unreadable folder, tie, failing plugin) and errors (two descriptors in
 *                     one folder)
 */
public record DiscoveryResult(
        List<Path> descriptors, List<DropIn> dropIns, List<Explanation> explanations, List<Problem> problems) {

    static final Comparator<Problem> PROBLEM_ORDER = Comparator
            .comparing((Problem p) -> p.position().file())
            .thenComparing(Problem::message);

    public DiscoveryResult {
        descriptors = descriptors.stream().sorted().toList();
        dropIns = dropIns.stream().sorted(Comparator.comparing(DropIn::folder)).toList();
        explanations = explanations.stream().sorted(Comparator.comparing(Explanation::folder)).toList();
        problems = problems.stream().sorted(PROBLEM_ORDER).toList();
    }

    /**
     * Applies claims, once descriptors are parsed: a drop-in (or tie) folder named by an enabled app's {@code service:}
     * is run by that app, so it is no longer a drop-in, its tie warning goes away, and it is explained as CLAIMED.
     * Folders with a descriptor are unaffected: they always run their own apps.
     *
     * @param claims absolute folder -> who claims it, e.g. {@code app 'duck_voice' in agents/duck/ecosystem.yaml}
     */
    public DiscoveryResult withoutClaimed(Map<Path, String> claims) {
        Map<Path, String> byFolder = new HashMap<>();
        claims.forEach((folder, claimant) -> byFolder.put(folder.toAbsolutePath().normalize(), claimant));
        Set<Path> released = explanations.stream()
                .filter(e -> byFolder.containsKey(e.folder()))
                .filter(e -> e.verdict() == Verdict.DROP_IN || e.verdict() == Verdict.TIE)
                .map(Explanation::folder)
                .collect(Collectors.toSet());
        List<Explanation> explained = explanations.stream()
                .map(e -> released.contains(e.folder())
                        ? new Explanation(e.folder(), Verdict.CLAIMED, "claimed by " + byFolder.get(e.folder()))
                        : e)
                .toList();
        return new DiscoveryResult(
                descriptors,
                dropIns.stream().filter(d -> !released.contains(d.folder())).toList(),
                explained,
                // warnings about a released folder (its tie, a plugin failing to detect it) no longer matter
                problems.stream().filter(p -> p.isError() || !released.contains(p.position().file())).toList());
    }

    /** True when any problem is an error. */
    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    /** Convenience for lookups: the explanation of a folder, if it was considered. */
    public Optional<Explanation> explanationOf(Path folder) {
        Path f = Objects.requireNonNull(folder, "folder").toAbsolutePath().normalize();
        return explanations.stream().filter(e -> e.folder().equals(f)).findFirst();
    }
}
