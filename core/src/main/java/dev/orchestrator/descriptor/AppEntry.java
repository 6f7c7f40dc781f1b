package dev.orchestrator.descriptor;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One app as written in a descriptor (or the {@code defaults:} of {@code orchestrator.yaml}): the keys that were given,
 * typed and validated, each with its position. Keys not written are absent, so layers can be merged.
 *
 * @param position where the app's mapping starts
 */
public record AppEntry(SourcePosition position, Map<AppKey, Located<Object>> values) {

    public AppEntry {
        EnumMap<AppKey, Located<Object>> copy = new EnumMap<>(AppKey.class);
        copy.putAll(values);
        values = Collections.unmodifiableMap(copy);
    }

    public boolean has(AppKey key) {
        return values.containsKey(key);
    }

    public Optional<SourcePosition> positionOf(AppKey key) {
        return Optional.ofNullable(values.get(key)).map(Located::position);
    }

    /** The value of {@code key}, typed as {@link AppKey#type()} promises. */
    public <T> Optional<T> get(AppKey key, Class<T> type) {
        return Optional.ofNullable(values.get(key)).map(located -> type.cast(located.value()));
    }

    public Optional<String> string(AppKey key) {
        return get(key, String.class);
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(AppKey key) {
        return get(key, List.class).map(list -> (List<String>) list).orElse(List.of());
    }

    @SuppressWarnings("unchecked")
    public Map<String, Located<String>> env() {
        return get(AppKey.ENV, Map.class).map(map -> (Map<String, Located<String>>) map).orElse(Map.of());
    }

    /** This entry's keys over {@code lower}'s: the app's own value wins, key by key. */
    public AppEntry over(AppEntry lower) {
        EnumMap<AppKey, Located<Object>> merged = new EnumMap<>(AppKey.class);
        merged.putAll(lower.values);
        merged.putAll(values);
        return new AppEntry(position, merged);
    }
}
