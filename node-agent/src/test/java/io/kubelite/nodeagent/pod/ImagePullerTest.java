package io.kubelite.nodeagent.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImagePullerTest {

    @ParameterizedTest(name = "{0} with policy \"{1}\" → {2}")
    @CsvSource({
            "busybox, '', Always",
            "busybox:latest, '', Always",
            "busybox:1.35, '', IfNotPresent",
            "localhost:5000/web, '', Always",
            "localhost:5000/web:v2, '', IfNotPresent",
            "web@sha256:abcd, '', IfNotPresent",
            "busybox, Never, Never",
            "busybox:1.35, Always, Always"})
    void defaultsThePullPolicyFromTheTagAsTheApiServerDoes(String image, String policy, String effective) {
        var container = new ContainerBuilder().withName("c").withImage(image)
                .withImagePullPolicy(policy.isEmpty() ? null : policy).build();
        assertThat(ImagePuller.effectivePolicy(container)).isEqualTo(effective);
    }
}
