package dev.orchestrator.descriptor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The entries of a YAML mapping in the order written, with duplicate and non-scalar keys reported (SnakeYAML's node
 * API keeps duplicates; only its object constructor would refuse them).
 */
final class Mapping {

    /** One {@code key: value} with the key's node, for positions. */
    record Entry(String key, Node keyNode, Node value) {
    }

    private Mapping() {
    }

    static List<Entry> entries(Path file, MappingNode mapping, List<Problem> problems) {
        List<Entry> entries = new ArrayList<>();
        Map<String, Node> seen = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalar)) {
                problems.add(Problem.error(YamlDocument.position(file, keyNode),
                        "key is not a plain name: mapping keys must be strings; write 'name: value'"));
                continue;
            }
            String key = scalar.getValue();
            Node first = seen.putIfAbsent(key, keyNode);
            if (first != null) {
                problems.add(Problem.error(YamlDocument.position(file, keyNode), "duplicate key '" + key
                        + "' (first at line " + (first.getStartMark().getLine() + 1) + "); remove one of them"));
                continue;
            }
            entries.add(new Entry(key, keyNode, tuple.getValueNode()));
        }
        return entries;
    }

    /** {@code unknown key 'watch_ignore'; did you mean 'ignore_watch'?}, or a pointer to the reference. */
    static Problem unknownKey(Path file, Entry entry, Collection<String> valid, String where) {
        String message = KeySuggester.closest(entry.key(), valid)
                .map(s -> "unknown key '" + entry.key() + "'" + where + "; did you mean '" + s + "'?")
                .orElse("unknown key '" + entry.key() + "'" + where + "; valid keys are listed in docs/descriptors.md");
        return Problem.error(YamlDocument.position(file, entry.keyNode()), message);
    }
}
