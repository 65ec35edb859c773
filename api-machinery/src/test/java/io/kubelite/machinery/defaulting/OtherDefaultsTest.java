package io.kubelite.machinery.defaulting;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtherDefaultsTest {

    static HorizontalPodAutoscaler hpa() {
        return new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withNewScaleTargetRef().withKind("Deployment").withName("web").endScaleTargetRef()
                .withMaxReplicas(5).endSpec().build();
    }

    @Test
    void aV2AutoscalerKeepsAtLeastOneReplica() {
        HorizontalPodAutoscaler hpa = hpa();
        Defaults.apply(hpa);
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(1);
    }

    @Test
    void aV2AutoscalerWithoutMetricsTargets80PercentCpu() {
        HorizontalPodAutoscaler hpa = hpa();
        Defaults.apply(hpa);
        var metric = hpa.getSpec().getMetrics().get(0);
        assertThat(metric.getType()).isEqualTo("Resource");
        assertThat(metric.getResource().getName()).isEqualTo("cpu");
        assertThat(metric.getResource().getTarget().getType()).isEqualTo("Utilization");
        assertThat(metric.getResource().getTarget().getAverageUtilization()).isEqualTo(80);
    }

    @Test
    void aGivenBehaviorIsCompletedWithKubernetesScalingRules() {
        HorizontalPodAutoscaler hpa = hpa();
        HorizontalPodAutoscalerBehavior behavior = new HorizontalPodAutoscalerBehavior();
        behavior.setScaleDown(new HPAScalingRules(null, null, 60, null));
        hpa.getSpec().setBehavior(behavior);
        Defaults.apply(hpa);
        HPAScalingRules up = hpa.getSpec().getBehavior().getScaleUp();
        HPAScalingRules down = hpa.getSpec().getBehavior().getScaleDown();
        assertThat(up.getStabilizationWindowSeconds()).isZero();
        assertThat(up.getSelectPolicy()).isEqualTo("Max");
        assertThat(up.getPolicies()).extracting(p -> p.getType() + "/" + p.getValue() + "/" + p.getPeriodSeconds())
                .containsExactly("Pods/4/15", "Percent/100/15");
        assertThat(down.getStabilizationWindowSeconds()).isEqualTo(60);
        assertThat(down.getPolicies()).extracting(p -> p.getType() + "/" + p.getValue() + "/" + p.getPeriodSeconds())
                .containsExactly("Percent/100/15");
    }

    @Test
    void aV2AutoscalerWithoutBehaviorGetsNone() {
        HorizontalPodAutoscaler hpa = hpa();
        Defaults.apply(hpa);
        assertThat(hpa.getSpec().getBehavior()).isNull();
    }

    @Test
    void aV1AutoscalerKeepsAtLeastOneReplica() {
        var hpa = new io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName("web").endMetadata().withNewSpec().withMaxReplicas(3).endSpec().build();
        Defaults.apply(hpa);
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(1);
        assertThat(hpa.getSpec().getTargetCPUUtilizationPercentage()).isNull();
    }

    @Test
    void aNamespaceIsLabelledWithItsNameAndActive() {
        Namespace ns = new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build();
        Defaults.apply(ns);
        assertThat(ns.getMetadata().getLabels()).containsEntry("kubernetes.io/metadata.name", "team-a");
        assertThat(ns.getStatus().getPhase()).isEqualTo("Active");
    }

    @Test
    void aContainerLimitRangeDefaultsLimitsToMaxAndRequestsToDefaults() {
        LimitRange lr = new LimitRangeBuilder().withNewMetadata().withName("lr").endMetadata().withNewSpec()
                .addNewLimit().withType("Container").withMax(Map.of("cpu", new Quantity("2")))
                .withMin(Map.of("memory", new Quantity("64Mi"))).endLimit().endSpec().build();
        Defaults.apply(lr);
        var item = lr.getSpec().getLimits().get(0);
        assertThat(item.getDefault()).containsEntry("cpu", new Quantity("2"));
        assertThat(item.getDefaultRequest()).containsEntry("cpu", new Quantity("2")).containsEntry("memory", new Quantity("64Mi"));
    }

    @Test
    void aNodeCanAllocateItsCapacity() {
        Node node = new NodeBuilder().withNewMetadata().withName("n1").endMetadata()
                .withNewStatus().withCapacity(Map.of("cpu", new Quantity("4"))).endStatus().build();
        Defaults.apply(node);
        assertThat(node.getStatus().getAllocatable()).containsEntry("cpu", new Quantity("4"));
    }

    @Test
    void aSecretIsOpaqueAndItsStringDataIsStoredAsData() {
        Secret secret = new SecretBuilder().withNewMetadata().withName("s").endMetadata()
                .withData(Map.of("kept", "YQ==", "replaced", "YQ==")).withStringData(Map.of("replaced", "bé", "added", "")).build();

        Defaults.apply(secret);

        assertThat(secret.getType()).isEqualTo("Opaque");
        assertThat(secret.getData()).containsExactlyInAnyOrderEntriesOf(Map.of("kept", "YQ==", "replaced", "YsOp", "added", ""));
        assertThat(secret.getStringData()).isNull();
    }

    @Test
    void aSecretsTypeIsKept() {
        Secret secret = new SecretBuilder().withNewMetadata().withName("s").endMetadata().withType("kubernetes.io/tls").build();

        Defaults.apply(secret);

        assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(secret.getData()).isNullOrEmpty();
    }
}
