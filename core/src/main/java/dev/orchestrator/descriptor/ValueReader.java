package dev.orchestrator.descriptor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Turns one YAML node into the typed value of a {@link ValueType}, keeping scalars' text exactly as written. A value of
 * the wrong shape becomes a problem naming the key, what was expected and what was found; the value is then absent.
 */
final class ValueReader {

    private final Path file;
    private final List<Problem> problems;
    private final ComplexValues complex;

    ValueReader(Path file, List<Problem> problems) {
        this.file = file;
        this.problems = problems;
        this.complex = new ComplexValues(this);
    }

    Path file() {
        return file;
    }

    List<Problem> problems() {
        return problems;
    }

    Optional<Object> read(String key, ValueType type, Node node) {
        return switch (type) {
            case NAME -> scalar(key, type, node).flatMap(text -> name(key, text, node)).map(v -> v);
            case STRING -> nonEmptyScalar(key, type, node).map(v -> v);
            case ARGS -> args(key, type, node).map(v -> v);
            case STRING_LIST -> stringList(key, type, node).map(v -> v);
            case BOOLEAN -> bool(key, node).map(v -> v);
            case DURATION -> parsed(key, type, node, Scalars::duration, "write e.g. 10000 or 10s").map(v -> v);
            case COUNT -> parsed(key, type, node, Scalars::count, "write a whole number such as 3").map(v -> v);
            case MEMORY -> parsed(key, type, node, Scalars::memory, "write e.g. 300M or 1G").map(v -> v);
            case INSTANCES -> instances(key, node).map(v -> v);
            case WATCH -> watch(key, node).map(v -> v);
            case ENV -> env(key, node).map(v -> v);
            case SIGNAL -> parsed(key, type, node, Scalars::signal, "write e.g. SIGTERM or SIGINT").map(v -> v);
            case EXIT_CODES -> exitCodes(key, node).map(v -> v);
            case CRON -> nonEmptyScalar(key, type, node).filter(text -> cron(key, text, node)).map(v -> v);
            case DEPENDS_ON -> complex.dependsOn(key, node).map(v -> v);
            case PROBE -> complex.probe(key, node).map(v -> v);
            case HEARTBEAT -> complex.heartbeat(key, node).map(v -> v);
            case LOG_ROTATE -> complex.logRotate(key, node).map(v -> v);
        };
    }

    SourcePosition position(Node node) {
        return YamlDocument.position(file, node);
    }

    /** Records {@code key 'k' has an invalid value: expected ..., got ...; remedy}. Always returns empty. */
    <T> Optional<T> invalid(String key, ValueType type, Node node, String remedy) {
        return invalid(key, type.description(), node, remedy);
    }

    <T> Optional<T> invalid(String key, String expected, Node node, String remedy) {
        problems.add(Problem.error(position(node), "key '" + key + "' has an invalid value: expected " + expected
                + ", got " + describe(node) + (remedy.isEmpty() ? "" : "; " + remedy)));
        return Optional.empty();
    }

    static String describe(Node node) {
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        String text = ((ScalarNode) node).getValue();
        return text.isEmpty() ? "nothing" : "'" + text + "'";
    }

    Optional<String> scalar(String key, ValueType type, Node node) {
        if (node instanceof ScalarNode scalar) {
            return Optional.of(scalar.getValue());
        }
        return invalid(key, type, node, "");
    }

    Optional<String> nonEmptyScalar(String key, ValueType type, Node node) {
        Optional<String> text = scalar(key, type, node);
        if (text.isPresent() && text.get().isEmpty()) {
            problems.add(Problem.error(position(node),
                    "key '" + key + "' has no value: expected " + type.description() + "; give a value or remove the key"));
            return Optional.empty();
        }
        return text;
    }

    <T> Optional<T> parsed(String key, ValueType type, Node node, Function<String, Optional<T>> parser, String remedy) {
        Optional<String> text = nonEmptyScalar(key, type, node);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<T> value = parser.apply(text.get());
        return value.isPresent() ? value : invalid(key, type, node, remedy);
    }

    private Optional<String> name(String key, String text, Node node) {
        if (text.equals("all")) {
            problems.add(Problem.error(position(node), key + " 'all' is reserved: 'all' addresses every app on the "
                    + "command line; choose another " + key));
            return Optional.empty();
        }
        if (!Scalars.isName(text)) {
            problems.add(Problem.error(position(node), key + " '" + text + "' is invalid: use letters, digits, '_', "
                    + "'.' and '-', starting with a letter or digit; rename it"));
            return Optional.empty();
        }
        return Optional.of(text);
    }

    Optional<Boolean> bool(String key, Node node) {
        Optional<String> text = nonEmptyScalar(key, ValueType.BOOLEAN, node);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<Boolean> value = Scalars.bool(text.get());
        if (value.isPresent()) {
            return value;
        }
        String remedy = Scalars.isYaml11Boolean(text.get())
                ? "write true or false (yes/no/on/off are not booleans here)" : "write true or false";
        return invalid(key, ValueType.BOOLEAN, node, remedy);
    }

    Optional<List<String>> stringList(String key, ValueType type, Node node) {
        if (node instanceof ScalarNode) {
            return nonEmptyScalar(key, type, node).map(List::of);
        }
        if (!(node instanceof SequenceNode sequence)) {
            return invalid(key, type, node, "");
        }
        List<String> values = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            if (!(item instanceof ScalarNode scalar)) {
                return invalid(key, type, item, "each item is a plain value");
            }
            values.add(scalar.getValue());
        }
        return Optional.of(values);
    }

    private Optional<List<String>> args(String key, ValueType type, Node node) {
        if (node instanceof ScalarNode scalar) {
            Optional<List<String>> split = Scalars.splitArgs(scalar.getValue());
            return split.isPresent() ? split : invalid(key, type, node, "close the quote, or write args as a list");
        }
        return stringList(key, type, node);
    }

    private Optional<Settings.Instances> instances(String key, Node node) {
        Optional<String> text = nonEmptyScalar(key, ValueType.INSTANCES, node);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.get().equals("max")) {
            return Optional.of(new Settings.Instances(true, 0));
        }
        Optional<Integer> count = Scalars.count(text.get()).filter(n -> n >= 1);
        return count.isPresent() ? count.map(Settings.Instances::of)
                : invalid(key, ValueType.INSTANCES, node, "write 1 or more, or max for one per CPU");
    }

    private Optional<Settings.Watch> watch(String key, Node node) {
        if (node instanceof ScalarNode scalar && Scalars.bool(scalar.getValue()).isPresent()) {
            return Optional.of(new Settings.Watch(Scalars.bool(scalar.getValue()).get(), List.of()));
        }
        if (node instanceof ScalarNode scalar && Scalars.isYaml11Boolean(scalar.getValue())) {
            return invalid(key, ValueType.WATCH, node, "write true or false (yes/no/on/off are not booleans here)");
        }
        return stringList(key, ValueType.WATCH, node).map(paths -> new Settings.Watch(true, paths));
    }

    /** Env values stay exactly as written: {@code 5001} is "5001", {@code NO} is "NO", {@code KEY:} is "". */
    Optional<Map<String, Located<String>>> env(String key, Node node) {
        if (!(node instanceof MappingNode mapping)) {
            return invalid(key, ValueType.ENV, node, "write one NAME: value per line under " + key + ":");
        }
        Map<String, Located<String>> env = new LinkedHashMap<>();
        for (Mapping.Entry entry : Mapping.entries(file, mapping, problems)) {
            if (!Scalars.isEnvName(entry.key())) {
                problems.add(Problem.error(position(entry.keyNode()), "env name '" + entry.key() + "' is invalid: "
                        + "use letters, digits and '_', not starting with a digit; rename it"));
            } else if (!(entry.value() instanceof ScalarNode scalar)) {
                invalid(key + "." + entry.key(), "a plain value", entry.value(), "quote it to pass text");
            } else {
                env.put(entry.key(), new Located<>(scalar.getValue(), position(entry.value())));
            }
        }
        return Optional.of(env);
    }

    private Optional<List<Integer>> exitCodes(String key, Node node) {
        Optional<List<String>> texts = stringList(key, ValueType.EXIT_CODES, node);
        if (texts.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> codes = new ArrayList<>();
        for (String text : texts.get()) {
            Optional<Integer> code = Scalars.count(text).filter(c -> c <= 255);
            if (code.isEmpty()) {
                return invalid(key, ValueType.EXIT_CODES, node, "exit codes are whole numbers from 0 to 255");
            }
            codes.add(code.get());
        }
        return Optional.of(codes);
    }

    private boolean cron(String key, String text, Node node) {
        if (Scalars.looksLikeCron(text)) {
            return true;
        }
        invalid(key, ValueType.CRON, node, "five fields: minute hour day-of-month month day-of-week");
        return false;
    }

    Optional<Duration> duration(String key, Node node) {
        return parsed(key, ValueType.DURATION, node, Scalars::duration, "write e.g. 10000 or 10s");
    }
}
