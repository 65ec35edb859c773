package io.kubelite.objectstore.authorization;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP requests as RBAC names them (kube-apiserver's RequestInfo). */
class RequestAttributesTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "GET    | /api/v1/namespaces/dev/pods              | -    | list             | ''   | pods        | ''     | dev | ''",
            "GET    | /api/v1/namespaces/dev/pods              | true | watch            | ''   | pods        | ''     | dev | ''",
            "GET    | /api/v1/pods                             | -    | list             | ''   | pods        | ''     | ''  | ''",
            "GET    | /api/v1/namespaces/dev/pods/web          | -    | get              | ''   | pods        | ''     | dev | web",
            "GET    | /api/v1/namespaces/dev/pods/web/log      | -    | get              | ''   | pods        | log    | dev | web",
            "GET    | /api/v1/namespaces/dev/pods/web/exec     | -    | create           | ''   | pods        | exec   | dev | web",
            "POST   | /api/v1/namespaces/dev/pods/web/eviction | -    | create           | ''   | pods        | eviction | dev | web",
            "PUT    | /apis/apps/v1/namespaces/dev/deployments/web/scale | - | update    | apps | deployments | scale  | dev | web",
            "PATCH  | /apis/apps/v1/namespaces/dev/deployments/web | - | patch           | apps | deployments | ''     | dev | web",
            "DELETE | /api/v1/namespaces/dev/configmaps        | -    | deletecollection | ''   | configmaps  | ''     | dev | ''",
            "DELETE | /api/v1/namespaces/dev/configmaps/c      | -    | delete           | ''   | configmaps  | ''     | dev | c",
            "GET    | /api/v1/namespaces/dev                   | -    | get              | ''   | namespaces  | ''     | dev | dev",
            "POST   | /api/v1/namespaces                       | -    | create           | ''   | namespaces  | ''     | ''  | ''",
            "GET    | /api/v1/nodes/n1                         | -    | get              | ''   | nodes       | ''     | ''  | n1"})
    void namesResourceRequests(String method, String path, String watch, String verb, String group, String resource,
                               String sub, String namespace, String name) {
        RequestAttributes a = RequestAttributes.of(method, path, watch);
        assertThat(a.resourceRequest()).isTrue();
        assertThat(a).isEqualTo(RequestAttributes.resource(verb, group, resource, sub, namespace, name));
    }

    @Test
    void pathsWithoutAResourceAreNonResourceRequests() {
        assertThat(RequestAttributes.of("GET", "/version", null)).isEqualTo(RequestAttributes.nonResource("get", "/version"));
        assertThat(RequestAttributes.of("GET", "/apis/apps/v1", null).resourceRequest()).isFalse();
        assertThat(RequestAttributes.of("HEAD", "/openapi/v3", null).verb()).isEqualTo("get");
    }
}
