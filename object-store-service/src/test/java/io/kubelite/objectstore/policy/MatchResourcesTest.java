package io.kubelite.objectstore.policy;

import io.kubelite.objectstore.authorization.UserInfo;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MatchResourcesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final ResourceRegistry REGISTRY = new ResourceRegistry();

    static ResourceType type(String group, String version, String resource) {
        return REGISTRY.find(group, version, resource).orElseThrow();
    }

    static PolicyRequest request(String operation, String apiVersion, String resource, String subresource, String namespace,
                                 String labels) {
        int slash = apiVersion.indexOf('/');
        ResourceType requested = type(slash < 0 ? "" : apiVersion.substring(0, slash), apiVersion.substring(slash + 1), resource);
        JsonNode object = JSON.readTree("{\"metadata\":{\"name\":\"web\",\"labels\":" + labels + "}}");
        return new PolicyRequest(operation, REGISTRY.storageType(requested), requested, subresource, namespace, "web",
                operation.equals("DELETE") ? null : object, operation.equals("CREATE") ? null : object,
                new UserInfo("alice", "", List.of()), false);
    }

    static final String DEPLOYMENTS = """
            {"resourceRules":[{"apiGroups":["apps"],"apiVersions":["v1"],"operations":["CREATE","UPDATE"],
              "resources":["deployments"],"scope":"*"}],
             "namespaceSelector":{"matchLabels":{"environment":"test"}}}""";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a create of a deployment in a test namespace              | CREATE | apps/v1 | deployments |        | team | {}               | true",
            "an update too                                             | UPDATE | apps/v1 | deployments |        | team | {}               | true",
            "a delete is not an operation the rule names               | DELETE | apps/v1 | deployments |        | team | {}               | false",
            "another resource                                          | CREATE | apps/v1 | replicasets |        | team | {}               | false",
            "the status subresource is not the resource                | UPDATE | apps/v1 | deployments | status | team | {}               | false",
            "a namespace without the label                             | CREATE | apps/v1 | deployments |        | prod | {}               | false",
            "extensions/v1beta1 is equivalent to apps/v1               | CREATE | extensions/v1beta1 | deployments | | team | {}         | true",
    })
    void aRuleSelectsOperationsResourcesAndNamespaces(String name, String operation, String apiVersion, String resource,
                                                      String subresource, String namespace, String labels, boolean expected) {
        Map<String, String> nsLabels = namespace.equals("team") ? Map.of("environment", "test") : Map.of("environment", "prod");
        PolicyRequest request = request(operation, apiVersion, resource, subresource == null ? "" : subresource, namespace, labels);

        assertThat(MatchResources.matches(JSON.readTree(DEPLOYMENTS), request, () -> nsLabels)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a star is every resource but no subresource      | *                 |        | true",
            "a star misses a subresource                     | *                 | status | false",
            "star-slash-star is everything                           | */*               | status | true",
            "deployments-slash-star is every subresource         | deployments/*     | scale  | true",
            "star-slash-status is every status                    | */status          | status | true",
            "deployments-slash-status is exactly that          | deployments/status | status | true",
            "deployments-slash-status is not the object        | deployments/status |        | false",
    })
    void resourceNamesWithWildcardsAndSubresources(String name, String rule, String subresource, boolean expected) {
        JsonNode match = JSON.readTree("{\"resourceRules\":[{\"apiGroups\":[\"*\"],\"apiVersions\":[\"*\"],"
                + "\"operations\":[\"*\"],\"resources\":[\"" + rule + "\"]}]}");
        PolicyRequest request = request("UPDATE", "apps/v1", "deployments", subresource == null ? "" : subresource, "team", "{}");

        assertThat(MatchResources.matches(match, request, Map::of)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "objectSelector on the object's labels          | {\"objectSelector\":{\"matchLabels\":{\"app\":\"web\"}}}                  | true",
            "objectSelector that misses                     | {\"objectSelector\":{\"matchLabels\":{\"app\":\"db\"}}}                   | false",
            "an excluded resource                           | {\"excludeResourceRules\":[{\"apiGroups\":[\"apps\"],\"apiVersions\":[\"*\"],\"operations\":[\"*\"],\"resources\":[\"deployments\"]}]} | false",
            "no rules: a binding that narrows nothing       | {}                                                                    | true",
            "scope Cluster misses a namespaced object       | {\"resourceRules\":[{\"apiGroups\":[\"*\"],\"apiVersions\":[\"*\"],\"operations\":[\"*\"],\"resources\":[\"*\"],\"scope\":\"Cluster\"}]} | false",
            "resourceNames names it                         | {\"resourceRules\":[{\"apiGroups\":[\"*\"],\"apiVersions\":[\"*\"],\"operations\":[\"*\"],\"resources\":[\"*\"],\"resourceNames\":[\"web\"]}]} | true",
            "resourceNames names another                    | {\"resourceRules\":[{\"apiGroups\":[\"*\"],\"apiVersions\":[\"*\"],\"operations\":[\"*\"],\"resources\":[\"*\"],\"resourceNames\":[\"db\"]}]} | false",
    })
    void selectorsExclusionsScopeAndNames(String name, String match, boolean expected) {
        PolicyRequest request = request("CREATE", "apps/v1", "deployments", "", "team", "{\"app\":\"web\"}");

        assertThat(MatchResources.matches(JSON.readTree(match), request, Map::of)).isEqualTo(expected);
    }
}
