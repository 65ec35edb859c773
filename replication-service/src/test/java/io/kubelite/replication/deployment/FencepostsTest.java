package io.kubelite.replication.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FencepostsTest {

    private static IntOrString parse(String v) {
        return v.equals("-") ? null : v.endsWith("%") ? new IntOrString(v) : new IntOrString(Integer.parseInt(v));
    }

    @ParameterizedTest(name = "{0}: maxSurge {1}, maxUnavailable {2} of {3} → surge {4}, unavailable {5}")
    @CsvSource({
            "defaults on 10 replicas round surge up and unavailable down, -, -, 10, 3, 2",
            "defaults on 4 replicas,                                     -, -, 4, 1, 1",
            "defaults on 1 replica allow one extra pod and none missing,  -, -, 1, 1, 0",
            "absolute numbers are taken as they are,                     2, 1, 10, 2, 1",
            "30% of 10 surge and 30% unavailable,                       30%, 30%, 10, 3, 3",
            "both zero would never progress: one may be unavailable,     0, 0%, 3, 0, 1",
            "zero replicas,                                             -, -, 0, 0, 1"})
    void resolvesPercentagesLikeKubernetes(String rule, String surge, String unavailable, int replicas,
            int expectedSurge, int expectedUnavailable) {
        assertThat(Fenceposts.resolve(parse(surge), parse(unavailable), replicas))
                .isEqualTo(new Fenceposts(expectedSurge, expectedUnavailable));
    }
}
