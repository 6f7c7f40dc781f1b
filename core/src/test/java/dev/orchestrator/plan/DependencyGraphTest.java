package dev.orchestrator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

    @Test
    void startOrderPutsEveryDependencyBeforeItsDependents() {
        DependencyGraph g = new DependencyGraph(Map.of("api", List.of("db", "broker"), "db", List.of(),
                "broker", List.of(), "web", List.of("api")));

        List<String> order = g.startOrder();

        assertThat(order).containsExactlyInAnyOrder("api", "db", "broker", "web");
        assertThat(order.indexOf("db")).isLessThan(order.indexOf("api"));
        assertThat(order.indexOf("broker")).isLessThan(order.indexOf("api"));
        assertThat(order.indexOf("api")).isLessThan(order.indexOf("web"));
    }

    @Test
    void stopLevelsAreTheReverseDependencyLevels() {
        DependencyGraph g = new DependencyGraph(Map.of("api", List.of("db", "broker"), "db", List.of(),
                "broker", List.of(), "web", List.of("api"), "lone", List.of()));

        assertThat(g.stopLevels()).containsExactly(List.of("web"), List.of("api"), List.of("broker", "db", "lone"));
    }

    @Test
    void withoutDependenciesEverythingStopsInOneLevel() {
        DependencyGraph g = new DependencyGraph(Map.of("a", List.of(), "b", List.of("unknown")));

        assertThat(g.hasDependencies()).isFalse();
        assertThat(g.stopLevels()).containsExactly(List.of("a", "b"));
    }

    @Test
    void aCycleIsReportedForEveryMemberAsOnePathFromItsFirstMember() {
        DependencyGraph g = new DependencyGraph(Map.of("b", List.of("c"), "c", List.of("a"), "a", List.of("b"),
                "d", List.of("a"), "e", List.of("e")));

        assertThat(g.cycles()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "a", List.of("a", "b", "c", "a"), "b", List.of("a", "b", "c", "a"), "c", List.of("a", "b", "c", "a"),
                "e", List.of("e", "e")));
    }

    @Test
    void withDependenciesAddsWhatTheAppsNeedTransitivelyInStartOrder() {
        DependencyGraph g = new DependencyGraph(Map.of("web", List.of("api"), "api", List.of("db"), "db", List.of(),
                "other", List.of()));

        assertThat(g.withDependencies(List.of("web"))).containsExactly("db", "api", "web");
    }
}
