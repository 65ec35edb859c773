package io.kubelite.replication.job;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class IndexedPlanTest {

    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    static Set<Integer> set(String text) {
        return text == null || text.isBlank() ? Set.of()
                : Arrays.stream(text.split(" ")).map(Integer::parseInt).collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            the lowest indexes first, as many as parallelism | 5 | 2 | -   | -     | 0 | 0 1      | -
            a finished index is not run again               | 5 | 2 | 1   | 0 2   | 0 | 3        | -
            every index succeeded: complete                 | 3 | 2 | -   | 0 1 2 | 0 | -        | Complete
            too many failures: failed                       | 3 | 2 | 1   | -     | 7 | -        | Failed
            """)
    void startsTheIndexesNotYetDone(String name, int completions, int parallelism, String running, String succeeded,
            int failed, String create, String finish) {
        IndexedPlan plan = IndexedPlan.decide(new JobPlan.Spec(completions, parallelism, 6, null), set(running),
                set(succeeded), failed, NOW, NOW);

        assertThat(plan.create()).containsExactlyElementsOf(set(create));
        assertThat(plan.finish().map(JobPlan.Finish::type).orElse(null)).isEqualTo(finish);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0 1 2 4      | 0-2,4
            1 3 4 5 7    | 1,3-5,7
            6            | 6
            2 3          | 2-3
            """)
    void completedIndexesAreWrittenAsRanges(String indexes, String text) {
        assertThat(IndexedPlan.format(set(indexes))).isEqualTo(text);
        assertThat(IndexedPlan.parse(text)).containsExactlyElementsOf(set(indexes));
    }
}
