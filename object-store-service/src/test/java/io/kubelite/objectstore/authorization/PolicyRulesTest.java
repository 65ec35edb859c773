package io.kubelite.objectstore.authorization;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Kubernetes' RBAC rule matching, one row per case. */
class PolicyRulesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static RequestAttributes res(String verb, String group, String resource, String sub, String ns, String name) {
        return RequestAttributes.resource(verb, group, resource, sub, ns, name);
    }

    static Stream<Arguments> rules() {
        String pods = "{'apiGroups':[''],'resources':['pods'],'verbs':['get','list']}";
        String all = "{'apiGroups':['*'],'resources':['*'],'verbs':['*']}";
        return Stream.of(
                Arguments.of(pods, res("get", "", "pods", "", "ns", "a"), true),
                Arguments.of(pods, res("list", "", "pods", "", "ns", ""), true),
                Arguments.of(pods, res("watch", "", "pods", "", "ns", ""), false),
                Arguments.of(pods, res("get", "apps", "pods", "", "ns", "a"), false),
                Arguments.of(pods, res("get", "", "pods", "log", "ns", "a"), false),
                Arguments.of(pods, res("get", "", "services", "", "ns", "a"), false),
                Arguments.of(all, res("delete", "apps", "deployments", "scale", "ns", "a"), true),
                Arguments.of("{'apiGroups':[''],'resources':['pods/log'],'verbs':['get']}",
                        res("get", "", "pods", "log", "ns", "a"), true),
                Arguments.of("{'apiGroups':[''],'resources':['pods/log'],'verbs':['get']}",
                        res("get", "", "pods", "", "ns", "a"), false),
                Arguments.of("{'apiGroups':['*'],'resources':['*/scale'],'verbs':['update']}",
                        res("update", "apps", "deployments", "scale", "ns", "web"), true),
                Arguments.of("{'apiGroups':['*'],'resources':['*/scale'],'verbs':['update']}",
                        res("update", "apps", "deployments", "", "ns", "web"), false),
                Arguments.of("{'apiGroups':[''],'resources':['configmaps'],'resourceNames':['app'],'verbs':['get']}",
                        res("get", "", "configmaps", "", "ns", "app"), true),
                Arguments.of("{'apiGroups':[''],'resources':['configmaps'],'resourceNames':['app'],'verbs':['get']}",
                        res("get", "", "configmaps", "", "ns", "other"), false),
                Arguments.of("{'apiGroups':[''],'resources':['configmaps'],'resourceNames':['app'],'verbs':['list']}",
                        res("list", "", "configmaps", "", "ns", ""), false),
                Arguments.of("{'nonResourceURLs':['/version'],'verbs':['get']}",
                        RequestAttributes.nonResource("get", "/version"), true),
                Arguments.of("{'nonResourceURLs':['/apis/*'],'verbs':['get']}",
                        RequestAttributes.nonResource("get", "/apis/apps/v1"), true),
                Arguments.of("{'nonResourceURLs':['/apis/*'],'verbs':['get']}",
                        RequestAttributes.nonResource("get", "/api"), false),
                Arguments.of("{'nonResourceURLs':['/version'],'verbs':['get']}",
                        RequestAttributes.nonResource("post", "/version"), false),
                Arguments.of(all, RequestAttributes.nonResource("get", "/version"), false),
                Arguments.of("{'nonResourceURLs':['*'],'verbs':['*']}", res("get", "", "pods", "", "ns", "a"), false));
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @MethodSource("rules")
    void matchesAsKubernetesDoes(String rule, RequestAttributes request, boolean allowed) {
        assertThat(PolicyRules.allows(JSON.readTree(rule.replace('\'', '"')), request)).isEqualTo(allowed);
    }
}
