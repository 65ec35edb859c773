package io.kubelite.autoscaler.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelite.autoscaler.metrics.DelegatedAuthorization.Attributes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metrics API's paths as the RBAC attributes the SubjectAccessReview asks about. */
class DelegatedAuthorizationTest {

    static final List<String> GROUPS = List.of("system:authenticated");

    static Attributes of(String uri, String watch) {
        return DelegatedAuthorization.attributes("jane", GROUPS, uri, watch);
    }

    @Test
    void namesTheResourceNamespaceNameAndVerb() {
        assertThat(of("/apis/metrics.k8s.io/v1beta1/namespaces/dev/pods", null))
                .isEqualTo(new Attributes("jane", GROUPS, "list", "pods", "dev", ""));
        assertThat(of("/apis/metrics.k8s.io/v1beta1/namespaces/dev/pods/web-1", null))
                .isEqualTo(new Attributes("jane", GROUPS, "get", "pods", "dev", "web-1"));
        assertThat(of("/apis/metrics.k8s.io/v1beta1/pods", null))
                .isEqualTo(new Attributes("jane", GROUPS, "list", "pods", "", ""));
        assertThat(of("/apis/metrics.k8s.io/v1beta1/nodes/node-1", null))
                .isEqualTo(new Attributes("jane", GROUPS, "get", "nodes", "", "node-1"));
        assertThat(of("/apis/metrics.k8s.io/v1beta1/nodes", "true").verb()).isEqualTo("watch");
    }

    @Test
    void otherPathsAreNotResourceRequests() {
        assertThat(of("/apis/metrics.k8s.io/v1beta1/", null)).isNull();
        assertThat(of("/apis/metrics.k8s.io/v1beta1/namespaces/dev", null)).isNull();
        assertThat(of("/apis/metrics.k8s.io/v1beta1/widgets", null)).isNull();
    }
}
