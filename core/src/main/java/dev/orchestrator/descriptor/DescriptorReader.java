package dev.orchestrator.descriptor;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one ecosystem descriptor strictly. Two shapes: a list under {@code apps:} (with file-level {@code env},
 * {@code env_file}, {@code namespace}), or one app's keys at the top level. Every problem is collected with its
 * position, so one run reports all of them.
 */
public final class DescriptorReader {

    /** The file names a folder may hold; two in one folder is an error. */
    public static final List<String> FILE_NAMES = List.of("ecosystem.yaml", "ecosystem.yml", "ecosystem.json");

    private static final Set<String> FILE_LEVEL_KEYS = Set.of("apps", "env", "env_file", "namespace");

    public ParsedDescriptor read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return parse(file, text);
        } catch (CharacterCodingException e) {
            return failed(file, "file is not valid UTF-8; save it as UTF-8");
        } catch (IOException e) {
            return failed(file, "cannot read file: " + e.getMessage() + "; check its permissions");
        }
    }

    public ParsedDescriptor parse(Path file, String text) {
        List<Problem> problems = new ArrayList<>();
        Optional<Node> root = YamlDocument.compose(file, text, problems);
        if (root.isEmpty()) {
            if (problems.isEmpty()) {
                problems.add(Problem.error(SourcePosition.startOf(file),
                        "descriptor is empty; add an app (script: ...) or a list under apps:, or delete the file"));
            }
            return new ParsedDescriptor(file, FileLevel.EMPTY, List.of(), problems);
        }
        if (!(root.get() instanceof MappingNode mapping)) {
            problems.add(Problem.error(YamlDocument.position(file, root.get()), "descriptor must be a mapping, got "
                    + ValueReader.describe(root.get()) + "; write app keys (script: ...) or apps: with a list"));
            return new ParsedDescriptor(file, FileLevel.EMPTY, List.of(), problems);
        }
        ValueReader reader = new ValueReader(file, problems);
        List<Mapping.Entry> entries = Mapping.entries(file, mapping, problems);
        boolean listShape = entries.stream().anyMatch(e -> e.key().equals("apps"));
        if (!listShape) {
            AppEntry app = readApp(reader, YamlDocument.position(file, mapping), entries, "");
            return new ParsedDescriptor(file, FileLevel.EMPTY, List.of(app), problems);
        }
        return readListShape(file, reader, entries, problems);
    }

    private ParsedDescriptor readListShape(Path file, ValueReader reader, List<Mapping.Entry> entries,
                                           List<Problem> problems) {
        Map<String, Located<String>> env = Map.of();
        List<Located<String>> envFiles = List.of();
        Optional<Located<String>> namespace = Optional.empty();
        List<AppEntry> apps = new ArrayList<>();
        for (Mapping.Entry entry : entries) {
            switch (entry.key()) {
                case "apps" -> apps = readApps(reader, entry.value());
                case "env" -> env = reader.env("env", entry.value()).orElse(Map.of());
                case "env_file" -> envFiles = reader.stringList("env_file", ValueType.STRING_LIST, entry.value())
                        .map(list -> list.stream().map(p -> new Located<>(p, reader.position(entry.value()))).toList())
                        .orElse(List.of());
                case "namespace" -> namespace = reader.read("namespace", ValueType.NAME, entry.value())
                        .map(v -> new Located<>((String) v, reader.position(entry.value())));
                default -> problems.add(misplacedOrUnknown(file, entry));
            }
        }
        return new ParsedDescriptor(file, new FileLevel(env, envFiles, namespace), apps, problems);
    }

    private static Problem misplacedOrUnknown(Path file, Mapping.Entry entry) {
        if (AppKey.byKey(entry.key()).isPresent()) {
            return Problem.error(YamlDocument.position(file, entry.keyNode()), "key '" + entry.key()
                    + "' is an app key, but this file lists its apps under 'apps:'; move it into each app, or into "
                    + "defaults: of orchestrator.yaml");
        }
        return Mapping.unknownKey(file, entry, FILE_LEVEL_KEYS, " at the top of an apps: file");
    }

    private List<AppEntry> readApps(ValueReader reader, Node node) {
        if (!(node instanceof SequenceNode sequence)) {
            reader.invalid("apps", "a list of apps (each item starts with '- ')", node, "");
            return List.of();
        }
        if (sequence.getValue().isEmpty()) {
            reader.problems().add(Problem.warning(reader.position(node), "apps: is empty; this file runs nothing"));
        }
        List<AppEntry> apps = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            if (!(item instanceof MappingNode appMapping)) {
                reader.invalid("apps", "each app to be a mapping of keys (name: ..., script: ...)", item, "");
                continue;
            }
            List<Mapping.Entry> entries = Mapping.entries(reader.file(), appMapping, reader.problems());
            apps.add(readApp(reader, reader.position(appMapping), entries, ""));
        }
        return apps;
    }

    /** Reads app keys; shared with {@code defaults:} of orchestrator.yaml ({@code where} names that context). */
    static AppEntry readApp(ValueReader reader, SourcePosition at, List<Mapping.Entry> entries, String where) {
        Map<AppKey, Located<Object>> values = new EnumMap<>(AppKey.class);
        for (Mapping.Entry entry : entries) {
            Optional<AppKey> key = AppKey.byKey(entry.key());
            if (key.isEmpty()) {
                reader.problems().add(Pm2Keys.hint(entry.key())
                        .map(hint -> Problem.error(reader.position(entry.keyNode()),
                                "unknown key '" + entry.key() + "'" + where + "; " + hint))
                        .orElseGet(() -> Mapping.unknownKey(reader.file(), entry, AppKey.keys(), where)));
                continue;
            }
            if (!key.get().supported()) {
                reader.problems().add(Problem.warning(reader.position(entry.keyNode()), "key '" + entry.key()
                        + "' is not supported yet: it is validated but has no effect in this version"));
            }
            reader.read(entry.key(), key.get().type(), entry.value())
                    .ifPresent(v -> values.put(key.get(), new Located<>(v, reader.position(entry.value()))));
        }
        return new AppEntry(at, values);
    }

    private static ParsedDescriptor failed(Path file, String message) {
        return new ParsedDescriptor(file, FileLevel.EMPTY, List.of(),
                List.of(Problem.error(SourcePosition.startOf(file), message)));
    }
}
