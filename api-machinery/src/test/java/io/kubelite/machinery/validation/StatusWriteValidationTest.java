package io.kubelite.machinery.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusWriteValidationTest {

    private final ObjectValidator validator = new ObjectValidator();

    @Test
    void aPodStatusWriteDoesNotJudgeTheStoredSpecAgain() {
        Pod pod = Fixtures.pod();
        pod.getSpec().getContainers().get(0).setImage("");

        assertThat(validator.validate(pod, true)).isNotEmpty();
        assertThat(validator.validateStatusWrite(pod, true)).isEmpty();
    }

    @Test
    void aPodStatusWriteStillJudgesTheMetadata() {
        Pod pod = Fixtures.pod();
        pod.getMetadata().setLabels(Map.of("bad key!", "x"));

        assertThat(Fixtures.messages(validator.validateStatusWrite(pod, true))).singleElement().asString()
                .startsWith("metadata.labels: Invalid value: \"bad key!\"");
    }

    @Test
    void anotherKindsStatusWriteIsValidatedInFull() {
        var node = new NodeBuilder().withNewMetadata().withName("n1").endMetadata()
                .withNewStatus().withCapacity(Map.of("cpu", new Quantity("-4"))).endStatus().build();

        assertThat(Fixtures.messages(validator.validateStatusWrite(node, false)))
                .containsExactly("status.capacity.cpu: Invalid value: \"-4\": must be greater than or equal to 0");
    }
}
