package io.kubelite.objectstore.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestLabelsTest {

    /** {@code query} as name=value&amp;…, the values of one name in order. */
    private static Optional<RequestLabels> labels(String method, String path, String query, String contentType) {
        Map<String, String[]> params = new HashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                String[] old = params.getOrDefault(kv[0], new String[0]);
                String[] values = java.util.Arrays.copyOf(old, old.length + 1);
                values[old.length] = kv.length > 1 ? kv[1] : "";
                params.put(kv[0], values);
            }
        }
        return RequestLabels.of(method, path, params::get, contentType);
    }

    @ParameterizedTest(name = "{0} {1}?{2} → {4} {9}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // method | path | query | content type | verb | dry_run | group | version | resource | subresource | scope
            "GET    | /api/v1/namespaces/default/pods/web | - | - | GET | '' | '' | v1 | pods | '' | resource",
            "GET    | /api/v1/namespaces/default/pods | - | - | LIST | '' | '' | v1 | pods | '' | namespace",
            "GET    | /api/v1/pods | - | - | LIST | '' | '' | v1 | pods | '' | cluster",
            "GET    | /api/v1/pods | watch=true | - | WATCH | '' | '' | v1 | pods | '' | cluster",
            "GET    | /api/v1/namespaces/dev/configmaps | watch=1&fieldSelector=metadata.name=cm | - | WATCH | '' | '' | v1 | configmaps | '' | resource",
            "GET    | /api/v1/namespaces/dev/configmaps | fieldSelector=metadata.namespace=dev | - | LIST | '' | '' | v1 | configmaps | '' | namespace",
            "GET    | /api/v1/namespaces/dev/configmaps | fieldSelector=metadata.name==cm | - | GET | '' | '' | v1 | configmaps | '' | resource",
            "GET    | /api/v1/pods | watch=false | - | LIST | '' | '' | v1 | pods | '' | cluster",
            "HEAD   | /api/v1/nodes/n1 | - | - | GET | '' | '' | v1 | nodes | '' | resource",
            "POST   | /apis/apps/v1/namespaces/default/deployments | - | application/json | POST | '' | apps | v1 | deployments | '' | resource",
            "POST   | /apis/apps/v1/namespaces/default/deployments | dryRun=All | application/json | POST | All | apps | v1 | deployments | '' | resource",
            "POST   | /apis/apps/v1/namespaces/default/deployments | dryRun=All&dryRun=All | - | POST | All | apps | v1 | deployments | '' | resource",
            "POST   | /apis/apps/v1/namespaces/default/deployments | dryRun=Some | - | POST | invalid | apps | v1 | deployments | '' | resource",
            "POST   | /api/v1/namespaces/default/pods/web/binding | - | - | POST | '' | '' | v1 | pods | binding | resource",
            "PUT    | /api/v1/namespaces/default/pods/web/status | - | - | PUT | '' | '' | v1 | pods | status | resource",
            "PATCH  | /apis/apps/v1/namespaces/default/deployments/web | - | application/strategic-merge-patch+json | PATCH | '' | apps | v1 | deployments | '' | resource",
            "PATCH  | /apis/apps/v1/namespaces/default/deployments/web | - | application/apply-patch+yaml | APPLY | '' | apps | v1 | deployments | '' | resource",
            "PATCH  | /apis/apps/v1/namespaces/default/deployments/web | - | application/apply-patch+yaml; charset=utf-8 | APPLY | '' | apps | v1 | deployments | '' | resource",
            "DELETE | /api/v1/namespaces/default/pods/web | - | - | DELETE | '' | '' | v1 | pods | '' | resource",
            "DELETE | /api/v1/namespaces/default/pods | - | - | DELETE | '' | '' | v1 | pods | '' | namespace",
            "GET    | /api/v1/namespaces/default/pods/web/log | follow=true | - | CONNECT | '' | '' | v1 | pods | log | resource",
            "GET    | /api/v1/namespaces/default/pods/web/exec | command=ls | - | CONNECT | '' | '' | v1 | pods | exec | resource",
            "POST   | /api/v1/namespaces/default/pods/web/portforward | - | - | CONNECT | '' | '' | v1 | pods | portforward | resource",
            "GET    | /api/v1/namespaces/default/services/web/proxy/a/b | - | - | CONNECT | '' | '' | v1 | services | proxy | resource",
            "GET    | /api/v1/namespaces/dev | - | - | GET | '' | '' | v1 | namespaces | '' | resource",
            "GET    | /api/v1/namespaces | - | - | LIST | '' | '' | v1 | namespaces | '' | cluster",
            "OPTIONS | /api/v1/pods | - | - | other | '' | '' | v1 | pods | '' | cluster",
            "GET    | /healthz | - | - | GET | '' | '' | '' | '' | /healthz | ''",
            "GET    | /readyz | verbose=1 | - | GET | '' | '' | '' | '' | /readyz | ''",
    })
    void labelsAsKubeApiserverGivesThem(String method, String path, String query, String contentType, String verb,
                                        String dryRun, String group, String version, String resource,
                                        String subresource, String scope) {
        assertThat(labels(method, path, query, contentType))
                .contains(new RequestLabels(verb, dryRun, group, version, resource, subresource, scope));
    }

    @ParameterizedTest
    @CsvSource({"/version", "/apis", "/api", "/openapi/v3", "/metrics", "/livez/etcd", "/random/path", "/favicon.ico"})
    void otherNonResourcePathsAreNotCounted(String path) {
        assertThat(labels("GET", path, null, null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "GET, /api/v1/pods, watch=true, true, true",
            "GET, /api/v1/namespaces/d/pods/p/log, , true, true",
            "GET, /api/v1/pods, , false, true",
            "POST, /api/v1/namespaces/d/pods, , false, false",
            "DELETE, /api/v1/namespaces/d/pods, , false, false",
    })
    void longRunningAndReadOnly(String method, String path, String query, boolean longRunning, boolean readOnly) {
        RequestLabels l = labels(method, path, query, null).orElseThrow();
        assertThat(l.longRunning()).isEqualTo(longRunning);
        if (!longRunning) {
            assertThat(l.readOnly()).isEqualTo(readOnly);
        }
    }
}
