package io.kubelite.machinery.quota;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CountedResourcesTest {

    @Test
    void namesTheLimitsThatCountAResourceInBothForms() {
        assertThat(CountedResources.limitsCounting("pods")).containsExactly("count/pods", "pods");
        assertThat(CountedResources.limitsCounting("services")).containsExactly("count/services", "services");
        assertThat(CountedResources.limitsCounting("deployments.apps")).containsExactly("count/deployments.apps");
        assertThat(CountedResources.limitsCounting("jobs.batch")).containsExactly("count/jobs.batch");
    }

    @Test
    void aResourceNoLimitCountsHasNone() {
        assertThat(CountedResources.limitsCounting("events")).isEmpty();
        assertThat(CountedResources.limitsCounting("deployments")).as("the group is part of the name").isEmpty();
    }

    @Test
    void everyLimitCountsWhatItsNameSays() {
        CountedResources.BY_LIMIT.forEach((limit, resource) ->
                assertThat(limit).isIn(resource, "count/" + resource));
    }
}
