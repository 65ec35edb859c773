package io.kubelite.objectstore.api;

import io.kubelite.objectstore.ApiServerTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PriorityClasses and the Priority admission of new pods, against a real PostgreSQL: the two
 * system classes exist, a pod gets its class's value (or the global default's, or 0), and
 * unknown classes, contradicting priorities, reserved names and too-high values are refused.
 */
class PriorityIT extends ApiServerTest {

    static final String CLASSES = "/apis/scheduling.k8s.io/v1/priorityclasses";
    static final String PODS = "/api/v1/namespaces/default/pods";

    static String pod(String name, String extraSpec) {
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                 "spec":{%s"containers":[{"name":"c","image":"busybox"}]}}""".formatted(name, extraSpec);
    }

    static String priorityClass(String name, long value, boolean globalDefault) {
        return """
                {"apiVersion":"scheduling.k8s.io/v1","kind":"PriorityClass","metadata":{"name":"%s"},
                 "value":%d,"globalDefault":%s}""".formatted(name, value, globalDefault);
    }

    @Test
    void podsGetTheValueOfTheirClassAndTheSystemClassesExist() {
        assertThat(api.get(CLASSES + "/system-cluster-critical").body().path("value").asLong()).isEqualTo(2_000_000_000L);
        assertThat(api.get(CLASSES + "/system-node-critical").body().path("value").asLong()).isEqualTo(2_000_001_000L);

        var plain = api.post(PODS, pod("plain", ""));
        assertThat(plain.code()).as(plain.raw()).isEqualTo(201);
        assertThat(plain.body().path("spec").path("priority").asLong()).isZero();
        assertThat(plain.body().path("spec").path("preemptionPolicy").asString()).isEqualTo("PreemptLowerPriority");

        assertThat(api.post(CLASSES, priorityClass("high", 1000, false)).code()).isEqualTo(201);
        var high = api.post(PODS, pod("important", "\"priorityClassName\":\"high\","));
        assertThat(high.code()).as(high.raw()).isEqualTo(201);
        assertThat(high.body().path("spec").path("priority").asLong()).isEqualTo(1000);

        var critical = api.post(PODS, pod("critical", "\"priorityClassName\":\"system-cluster-critical\","));
        assertThat(critical.body().path("spec").path("priority").asLong()).isEqualTo(2_000_000_000L);
    }

    @Test
    void refusesAnUnknownClassAndAPriorityThatContradictsIt() {
        var unknown = api.post(PODS, pod("lost", "\"priorityClassName\":\"nowhere\","));
        assertThat(unknown.code()).as(unknown.raw()).isEqualTo(403);
        assertThat(unknown.body().path("message").asString())
                .isEqualTo("pods \"lost\" is forbidden: no PriorityClass with name nowhere was found");

        api.post(CLASSES, priorityClass("mid", 500, false));
        var contradicting = api.post(PODS, pod("liar", "\"priorityClassName\":\"mid\",\"priority\":7,"));
        assertThat(contradicting.code()).isEqualTo(403);
        assertThat(contradicting.body().path("message").asString()).isEqualTo("pods \"liar\" is forbidden: the integer value of "
                + "priority (7) must not be provided in pod spec; priority admission controller computed 500 from the given "
                + "PriorityClass name");
        assertThat(api.get(PODS + "/lost").code()).isEqualTo(404);
        assertThat(api.get(PODS + "/liar").code()).isEqualTo(404);
    }

    @Test
    void userClassesStayBelowTheSystemOnesAndKeepTheirValue() {
        var tooHigh = api.post(CLASSES, priorityClass("greedy", 1_500_000_000L, false));
        assertThat(tooHigh.code()).as(tooHigh.raw()).isEqualTo(422);
        assertThat(tooHigh.body().path("message").asString())
                .contains("value: Forbidden: maximum allowed value of a user defined priority is 1000000000");
        var reserved = api.post(CLASSES, priorityClass("system-mine", 10, false));
        assertThat(reserved.code()).isEqualTo(422);
        assertThat(reserved.body().path("message").asString())
                .contains("metadata.name: Invalid value: \"system-mine\": priority class names with 'system-' prefix are reserved");

        api.post(CLASSES, priorityClass("steady", 10, false));
        var changed = api.patch(CLASSES + "/steady", "application/merge-patch+json", "{\"value\":20}");
        assertThat(changed.code()).as(changed.raw()).isEqualTo(422);
        assertThat(changed.body().path("message").asString()).contains("value: Invalid value: 20: field is immutable");
    }
}
