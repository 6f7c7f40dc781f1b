package dev.orchestrator.descriptor;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Finds the valid key a misspelled one most likely meant: the same words in another order ({@code watch_ignore} ->
 * {@code ignore_watch}), or the smallest edit distance within a third of the key's length.
 */
public final class KeySuggester {

    private KeySuggester() {
    }

    public static Optional<String> closest(String typed, Collection<String> valid) {
        String lower = typed.toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        for (String candidate : valid) {
            if (sameWords(lower, candidate)) {
                return Optional.of(candidate);
            }
        }
        int limit = Math.max(2, lower.length() / 3);
        return valid.stream()
                .map(candidate -> new Scored(candidate, distance(lower, candidate)))
                .filter(s -> s.distance <= limit)
                .min(Comparator.comparingInt(Scored::distance).thenComparing(Scored::key))
                .map(Scored::key);
    }

    private record Scored(String key, int distance) {
    }

    private static boolean sameWords(String a, String b) {
        String[] left = a.split("_");
        String[] right = b.split("_");
        Arrays.sort(left);
        Arrays.sort(right);
        return Arrays.equals(left, right);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
