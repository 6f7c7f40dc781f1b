package dev.orchestrator.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IgnorePatternTest {

    private static boolean matches(String pattern, String path, boolean isDir) {
        return IgnorePattern.parse(pattern, 1).orElseThrow().matches(path, isDir);
    }

    @ParameterizedTest(name = "''{0}'' vs {1} (dir={2}) -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            experiments        | experiments           | true  | true
            experiments        | a/b/experiments       | true  | true
            experiments        | a/experiments         | false | true
            experiments        | experiments2          | true  | false
            experiments/       | a/experiments         | true  | true
            experiments/       | a/experiments         | false | false
            /experiments       | experiments           | true  | true
            /experiments       | a/experiments         | true  | false
            a/experiments      | a/experiments         | true  | true
            a/experiments      | x/a/experiments       | true  | false
            *.tmp              | a/b/c.tmp             | false | true
            *.tmp              | a.tmp/b               | true  | false
            a/*                | a/b                   | true  | true
            a/*                | a/b/c                 | true  | false
            a*b                | a/b                   | true  | false
            ?at                | cat                   | true  | true
            ?at                | at                    | true  | false
            ?at                | x/hat                 | true  | true
            a?b                | a/b                   | true  | false
            **/logs            | logs                  | true  | true
            **/logs            | a/b/logs              | true  | true
            **/logs/cache      | a/logs/cache          | true  | true
            **/logs/cache      | a/logs/x/cache        | true  | false
            a/**               | a/b                   | true  | true
            a/**               | a/b/c/d               | false | true
            a/**               | a                     | true  | false
            a/**/z             | a/z                   | true  | true
            a/**/z             | a/b/c/z               | true  | true
            a/**/z             | b/a/z                 | true  | false
            a**z               | abz                   | true  | true
            a**z               | a/z                   | true  | false
            **                 | anything/at/all       | true  | true
            [abc]x             | bx                    | true  | true
            [abc]x             | dx                    | true  | false
            [a-c]x             | cx                    | true  | true
            [!a-c]x            | dx                    | true  | true
            [!a-c]x            | bx                    | true  | false
            [^a-c]x            | dx                    | true  | true
            v[[:digit:]]       | v7                    | true  | true
            v[[:digit:]]       | vx                    | true  | false
            []]x               | ]x                    | true  | true
            [ab                | [ab                   | true  | true
            \\#notes           | #notes                | true  | true
            \\!keep            | !keep                 | true  | true
            a.b                | axb                   | true  | false
            (x)+               | (x)+                  | true  | true
            """)
    void patternsMatchAsGitDocumentsThem(String pattern, String path, boolean isDir, boolean expected) {
        assertThat(matches(pattern, path, isDir)).isEqualTo(expected);
    }

    @Test
    void blankLinesAndCommentsAreNotPatterns() {
        assertThat(IgnorePattern.parse("", 1)).isEmpty();
        assertThat(IgnorePattern.parse("   ", 1)).isEmpty();
        assertThat(IgnorePattern.parse("# a comment", 1)).isEmpty();
        assertThat(IgnorePattern.parse("!", 1)).isEmpty();
    }

    @Test
    void trailingBlanksAreDroppedUnlessEscaped() {
        assertThat(matches("tmp   ", "tmp", true)).isTrue();
        assertThat(matches("tmp\\ ", "tmp ", true)).isTrue();
        assertThat(matches("tmp\r", "tmp", true)).isTrue();
    }

    @Test
    void aNegatedPatternRemembersItsTextAndLine() {
        IgnorePattern p = IgnorePattern.parse("!keep/", 4).orElseThrow();
        assertThat(p.negated()).isTrue();
        assertThat(p.dirOnly()).isTrue();
        assertThat(p.text()).isEqualTo("!keep/");
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.matches("a/keep", true)).isTrue();
    }

    @Test
    void theLastMatchingPatternOfAFileDecides() {
        IgnoreFile file = IgnoreFile.parse(".orchestratorignore", "", List.of("exp*", "!exp-keep", "# note", "exp-keep-not"));
        assertThat(file.lastMatch("services/exp-1", true)).map(IgnorePattern::text).contains("exp*");
        assertThat(file.lastMatch("services/exp-keep", true)).map(IgnorePattern::text).contains("!exp-keep");
        assertThat(file.lastMatch("services/exp-keep-not", true)).map(IgnorePattern::line).contains(4);
        assertThat(file.lastMatch("services/other", true)).isEmpty();
    }

    @Test
    void patternsOfANestedFileAreRelativeToItsFolder() {
        IgnoreFile file = IgnoreFile.parse("services/py/.orchestratorignore", "services/py", List.of("/old", "x/y"));
        assertThat(file.lastMatch("services/py/old", true)).isPresent();
        assertThat(file.lastMatch("services/py/a/old", true)).isEmpty();
        assertThat(file.lastMatch("services/py/x/y", true)).isPresent();
        assertThat(file.where(file.patterns().get(1))).isEqualTo("services/py/.orchestratorignore:2");
    }

    @Test
    void aDeeperFileOverridesAShallowerOneAndCoversOnlyItsSubtree() {
        IgnoreRules rules = IgnoreRules.NONE
                .push(IgnoreFile.parse(IgnoreFile.SETTINGS_SOURCE, "", List.of("legacy")))
                .push(IgnoreFile.parse(".orchestratorignore", "", List.of("tmp*")))
                .push(IgnoreFile.parse("services/a/.orchestratorignore", "services/a", List.of("!tmp-keep")));
        assertThat(rules.ignored("services/a/tmp-keep", true)).isEmpty();
        assertThat(rules.ignored("services/b/tmp-keep", true))
                .map(IgnoreRules.Hit::describe).contains("ignored by .orchestratorignore:1 'tmp*'");
        assertThat(rules.ignored("services/legacy", true))
                .map(IgnoreRules.Hit::describe).contains("ignored by orchestrator.yaml ignore: 'legacy'");
        assertThat(rules.ignored("services/a", true)).isEmpty();
    }
}
