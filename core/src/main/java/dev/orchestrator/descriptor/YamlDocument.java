package dev.orchestrator.descriptor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML (and JSON, which SnakeYAML reads as YAML) into SnakeYAML's node tree. Unlike Jackson's tree, nodes keep
 * their line and column and scalars keep their exact text, so {@code NO} stays "NO" and {@code 0750} stays "0750";
 * typing is ours to do, key by key.
 */
final class YamlDocument {

    /*
     * Shared by every parse, on any thread: neither is written after construction (the resolver's tables are only read).
     * Building a Yaml per file compiled the resolver's patterns again each time, a tenth of loading 10,000 descriptors.
     */
    private static final LoaderOptions OPTIONS = options();
    /*
     * Tags nothing implicitly: nodes are read by their exact text and typed key by key, so matching each scalar
     * against the resolver's patterns (bool, int, float, null, timestamp...) was wasted: a fifth of composing a
     * descriptor, interpreted, at every start (async-profiler).
     */
    private static final Resolver RESOLVER = new Resolver() {
        @Override
        protected void addImplicitResolvers() {
        }
    };

    private YamlDocument() {
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    /** The single document in {@code text}; problems (malformed YAML, several documents) go to {@code problems}. */
    static Optional<Node> compose(Path file, String text, List<Problem> problems) {
        // what Yaml.composeAll does, without building a Yaml (constructor, representer, resolver) per call
        try {
            Composer composer = new Composer(new ParserImpl(new StreamReader(new java.io.StringReader(text)), OPTIONS),
                    RESOLVER, OPTIONS);
            if (!composer.checkNode()) {
                return Optional.empty();
            }
            Node first = composer.getNode();
            if (composer.checkNode()) {
                Node second = composer.getNode();
                problems.add(Problem.error(position(file, second.getStartMark()),
                        "file holds more than one YAML document: a descriptor is one document; remove the '---' separator"));
            }
            return Optional.of(first);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            problems.add(Problem.error(position(file, mark),
                    "malformed YAML: " + what + context + "; check the indentation and quotes on this line"));
            return Optional.empty();
        } catch (YAMLException e) {
            problems.add(Problem.error(SourcePosition.startOf(file),
                    "malformed YAML: " + e.getMessage() + "; check the file's syntax"));
            return Optional.empty();
        }
    }

    static SourcePosition position(Path file, Mark mark) {
        return mark == null ? SourcePosition.startOf(file)
                : new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    static SourcePosition position(Path file, Node node) {
        return position(file, node.getStartMark());
    }

    /** All problems of a list, for callers that collect into a fresh list. */
    static List<Problem> newProblemList() {
        return new ArrayList<>();
    }
}
