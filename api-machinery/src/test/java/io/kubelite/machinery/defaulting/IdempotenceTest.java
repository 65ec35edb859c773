package io.kubelite.machinery.defaulting;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** The Deployment controller compares defaulted templates, so a second pass must change nothing. */
class IdempotenceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<Arguments> objects() {
        return Stream.of(
                Arguments.of("Pod", (Supplier<HasMetadata>) PodDefaultsTest::pod),
                Arguments.of("ReplicationController", (Supplier<HasMetadata>) WorkloadDefaultsTest::rc),
                Arguments.of("ReplicaSet", (Supplier<HasMetadata>) WorkloadDefaultsTest::rs),
                Arguments.of("Deployment", (Supplier<HasMetadata>) WorkloadDefaultsTest::deployment),
                Arguments.of("DaemonSet", (Supplier<HasMetadata>) WorkloadDefaultsTest::daemonSet),
                Arguments.of("Job", (Supplier<HasMetadata>) WorkloadDefaultsTest::job),
                Arguments.of("Service", (Supplier<HasMetadata>) ServiceDefaultsTest::service),
                Arguments.of("HorizontalPodAutoscaler", (Supplier<HasMetadata>) OtherDefaultsTest::hpa),
                Arguments.of("ValidatingAdmissionPolicy", (Supplier<HasMetadata>) AdmissionPolicyDefaultsTest::policy),
                Arguments.of("ValidatingAdmissionPolicyBinding", (Supplier<HasMetadata>) AdmissionPolicyDefaultsTest::binding),
                Arguments.of("ValidatingWebhookConfiguration", (Supplier<HasMetadata>) WebhookDefaultsTest::validating),
                Arguments.of("MutatingWebhookConfiguration", (Supplier<HasMetadata>) WebhookDefaultsTest::mutating));
    }

    @ParameterizedTest(name = "defaulting a {0} twice changes nothing")
    @MethodSource("objects")
    void defaultingTwiceChangesNothing(String kind, Supplier<HasMetadata> fixture) {
        HasMetadata object = fixture.get();
        Defaults.apply(object);
        String once = JSON.writeValueAsString(object);
        Defaults.apply(object);
        assertThat(JSON.writeValueAsString(object)).isEqualTo(once);
    }

    @ParameterizedTest(name = "a decoded and re-encoded defaulted {0} stays the same when defaulted again")
    @MethodSource("objects")
    void defaultedObjectsSurviveARoundTrip(String kind, Supplier<HasMetadata> fixture) {
        HasMetadata object = fixture.get();
        Defaults.apply(object);
        String once = JSON.writeValueAsString(object);
        HasMetadata decoded = JSON.readValue(once, object.getClass());
        Defaults.apply(decoded);
        assertThat(JSON.writeValueAsString(decoded)).isEqualTo(once);
    }
}
