package io.kubelite.controller.expectations;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.time.ManualClock;
import java.time.Duration;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExpectationsTest {

    private static final ObjectKey RS = ObjectKey.of("default", "web");
    private static final ObjectKey OTHER = ObjectKey.of("default", "db");

    private final ManualClock clock = ManualClock.atEpochOfTests();
    private final Expectations expectations = new Expectations(clock);

    static Stream<Arguments> cases() {
        return Stream.of(
                scenario("nothing expected yet", true, (e, c) -> {
                }),
                scenario("creations expected and none observed", false, (e, c) -> e.expectCreations(RS, 3)),
                scenario("two of three creations observed", false, (e, c) -> {
                    e.expectCreations(RS, 3);
                    e.creationObserved(RS);
                    e.creationObserved(RS);
                }),
                scenario("all three creations observed", true, (e, c) -> {
                    e.expectCreations(RS, 3);
                    e.creationObserved(RS);
                    e.creationObserved(RS);
                    e.creationObserved(RS);
                }),
                scenario("more creations observed than expected", true, (e, c) -> {
                    e.expectCreations(RS, 1);
                    e.creationObserved(RS);
                    e.creationObserved(RS);
                }),
                scenario("zero creations expected", true, (e, c) -> e.expectCreations(RS, 0)),
                scenario("creations observed for another owner", false, (e, c) -> {
                    e.expectCreations(RS, 1);
                    e.creationObserved(OTHER);
                }),
                scenario("one of two deletions observed", false, (e, c) -> {
                    e.expectDeletions(RS, Set.of("uid-1", "uid-2"));
                    e.deletionObserved(RS, "uid-1");
                }),
                scenario("the same deletion observed twice counts once", false, (e, c) -> {
                    e.expectDeletions(RS, Set.of("uid-1", "uid-2"));
                    e.deletionObserved(RS, "uid-1");
                    e.deletionObserved(RS, "uid-1");
                }),
                scenario("deletion of an unexpected uid is ignored", false, (e, c) -> {
                    e.expectDeletions(RS, Set.of("uid-1"));
                    e.deletionObserved(RS, "uid-9");
                }),
                scenario("all deletions observed", true, (e, c) -> {
                    e.expectDeletions(RS, Set.of("uid-1", "uid-2"));
                    e.deletionObserved(RS, "uid-2");
                    e.deletionObserved(RS, "uid-1");
                }),
                scenario("new deletions replace unmet creations", false, (e, c) -> {
                    e.expectCreations(RS, 2);
                    e.expectDeletions(RS, Set.of("uid-1"));
                    e.creationObserved(RS);
                    e.creationObserved(RS);
                }),
                scenario("unmet expectations exactly 5 minutes old still block", false, (e, c) -> {
                    e.expectCreations(RS, 2);
                    c.advance(Duration.ofMinutes(5));
                }),
                scenario("unmet expectations older than 5 minutes expire", true, (e, c) -> {
                    e.expectCreations(RS, 2);
                    c.advance(Duration.ofMinutes(5).plusMillis(1));
                }),
                scenario("re-expecting restarts the TTL", false, (e, c) -> {
                    e.expectCreations(RS, 2);
                    c.advance(Duration.ofMinutes(4));
                    e.expectDeletions(RS, Set.of("uid-1"));
                    c.advance(Duration.ofMinutes(4));
                }),
                scenario("deleted expectations no longer block", true, (e, c) -> {
                    e.expectCreations(RS, 2);
                    e.delete(RS);
                }),
                scenario("observations without expectations are ignored", true, (e, c) -> {
                    e.creationObserved(RS);
                    e.deletionObserved(RS, "uid-1");
                }));
    }

    private static Arguments scenario(String name, boolean satisfied, BiConsumer<Expectations, ManualClock> steps) {
        return Arguments.of(name, satisfied, steps);
    }

    @ParameterizedTest(name = "{0} → satisfied={1}")
    @MethodSource("cases")
    void syncIsAllowedOnlyWhenExpectationsAreMetOrExpired(
            String name, boolean satisfied, BiConsumer<Expectations, ManualClock> steps) {
        steps.accept(expectations, clock);

        assertThat(expectations.satisfied(RS)).isEqualTo(satisfied);
    }

    @Test
    void ttlIsConfigurable() {
        Expectations shortLived = new Expectations(clock, Duration.ofSeconds(10));
        shortLived.expectCreations(RS, 1);

        clock.advance(Duration.ofSeconds(11));

        assertThat(shortLived.satisfied(RS)).isTrue();
    }
}
