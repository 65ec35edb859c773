package io.kubelite.objectstore.relay;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeTopicsTest {

    final ChangeTopics topics = new ChangeTopics("kubelite.", Map.of("leases.coordination.k8s.io", "coordination.k8s.io/v1"));

    @ParameterizedTest(name = "{0}: {1} {2} → {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            core group left out          | pods                                 | v1                     | kubelite.v1.pods
            cluster-scoped core          | namespaces                           | v1                     | kubelite.v1.namespaces
            named group                  | deployments.apps                     | apps/v1                | kubelite.apps.v1.deployments
            stored version, not served   | horizontalpodautoscalers.autoscaling | autoscaling/v2         | kubelite.autoscaling.v2.horizontalpodautoscalers
            dotted group                 | leases.coordination.k8s.io           | coordination.k8s.io/v1 | kubelite.coordination.k8s.io.v1.leases
            no apiVersion, known storage | leases.coordination.k8s.io           | -                      | kubelite.coordination.k8s.io.v1.leases
            no apiVersion, unknown kind  | widgets.example.com                  | -                      | kubelite.example.com.v1.widgets
            no apiVersion, core          | configmaps                           | ''                     | kubelite.v1.configmaps
            """)
    void namesTheTopicFromPrefixGroupVersionAndResource(String scenario, String resource, String apiVersion,
                                                        String topic) {
        assertThat(topics.topicOf(resource, apiVersion)).isEqualTo(topic);
    }
}
