package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** policy/v1 PodDisruptionBudgets: one bound, a number or a percentage up to 100%. */
class DisruptionBudgetValidationTest {

    final ObjectValidator validator = new ObjectValidator();

    static PodDisruptionBudget pdb(IntOrString min, IntOrString max) {
        return new PodDisruptionBudgetBuilder().withNewMetadata().withName("web").withNamespace("default").endMetadata()
                .withNewSpec().withMinAvailable(min).withMaxUnavailable(max).withNewSelector().addToMatchLabels("app", "web")
                .endSelector().endSpec().build();
    }

    @Test
    void oneBoundAsANumberOrAPercentageIsValid() {
        assertThat(Fixtures.messages(validator.validateCreate(pdb(new IntOrString(2), null), true))).isEmpty();
        assertThat(Fixtures.messages(validator.validateCreate(pdb(null, new IntOrString("25%")), true))).isEmpty();
    }

    @Test
    void refusesBothBoundsNegativeNumbersAndMoreThanAllPods() {
        assertThat(Fixtures.messages(validator.validateCreate(pdb(new IntOrString(-1), null), true)))
                .containsExactly("spec.minAvailable: Invalid value: -1: must be greater than or equal to 0");
        assertThat(Fixtures.messages(validator.validateCreate(pdb(null, new IntOrString("120%")), true)))
                .containsExactly("spec.maxUnavailable: Invalid value: 120%: must not be greater than 100%");
        assertThat(Fixtures.messages(validator.validateCreate(pdb(new IntOrString(1), new IntOrString(1)), true)))
                .containsExactly("spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:1, MaxUnavailable:1}: "
                        + "minAvailable and maxUnavailable cannot be both set");
    }

    @Test
    void theEvictionPolicyIsOneOfTwo() {
        PodDisruptionBudget pdb = pdb(new IntOrString(1), null);
        pdb.getSpec().setUnhealthyPodEvictionPolicy("Never");

        assertThat(Fixtures.messages(validator.validateCreate(pdb, true))).containsExactly(
                "spec.unhealthyPodEvictionPolicy: Unsupported value: \"Never\": supported values: \"AlwaysAllow\", \"IfHealthyBudget\"");
    }
}
