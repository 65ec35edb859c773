package io.kubelite.objectstore.authorization;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Held rules covering granted ones, as Kubernetes' escalation check decides it. */
class RuleCoverageTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static List<JsonNode> rules(String json) {
        List<JsonNode> rules = new ArrayList<>();
        JSON.readTree(json.replace('\'', '"')).forEach(rules::add);
        return rules;
    }

    static Stream<Arguments> cases() {
        String admin = "[{'apiGroups':['*'],'resources':['*'],'verbs':['*']},{'nonResourceURLs':['*'],'verbs':['*']}]";
        String podsRead = "[{'apiGroups':[''],'resources':['pods','pods/log'],'verbs':['get','list']}]";
        return Stream.of(
                Arguments.of(admin, "[{'apiGroups':['apps'],'resources':['deployments'],'verbs':['delete']}]", List.of()),
                Arguments.of(podsRead, "[{'apiGroups':[''],'resources':['pods'],'verbs':['get']}]", List.of()),
                Arguments.of(podsRead, "[{'apiGroups':[''],'resources':['pods'],'verbs':['get','delete']}]",
                        List.of("{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"delete\"]}")),
                Arguments.of(podsRead, "[{'apiGroups':[''],'resources':['*'],'verbs':['get']}]",
                        List.of("{APIGroups:[\"\"], Resources:[\"*\"], Verbs:[\"get\"]}")),
                Arguments.of("[{'apiGroups':['*'],'resources':['*/scale'],'verbs':['update']}]",
                        "[{'apiGroups':['apps'],'resources':['deployments/scale'],'verbs':['update']}]", List.of()),
                Arguments.of("[{'apiGroups':[''],'resources':['configmaps'],'resourceNames':['app'],'verbs':['get']}]",
                        "[{'apiGroups':[''],'resources':['configmaps'],'verbs':['get']}]",
                        List.of("{APIGroups:[\"\"], Resources:[\"configmaps\"], Verbs:[\"get\"]}")),
                Arguments.of("[{'apiGroups':[''],'resources':['configmaps'],'verbs':['get']}]",
                        "[{'apiGroups':[''],'resources':['configmaps'],'resourceNames':['app'],'verbs':['get']}]", List.of()),
                Arguments.of("[{'nonResourceURLs':['/apis/*'],'verbs':['get']}]",
                        "[{'nonResourceURLs':['/apis/apps','/metrics'],'verbs':['get']}]",
                        List.of("{NonResourceURLs:[\"/metrics\"], Verbs:[\"get\"]}")),
                Arguments.of("[]", "[]", List.of()));
    }

    @ParameterizedTest(name = "{0} covers {1}: missing {2}")
    @MethodSource("cases")
    void listsWhatIsNotCovered(String held, String granted, List<String> missing) {
        assertThat(RuleCoverage.uncovered(rules(held), rules(granted))).isEqualTo(missing);
    }
}
