package io.kubelite.autoscaler.hpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus;
import io.kubelite.autoscaler.metrics.PodMetricsStore;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.RecordingEventRecorder;
import io.kubelite.controller.informer.MapLister;
import io.kubelite.controller.reconcile.Result;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The reconciler with recording fakes for the scale subresource, the status writes and the events. */
class HpaReconcilerTest {

    static final ObjectKey KEY = ObjectKey.of("shop", "web");

    final MapLister<HorizontalPodAutoscaler> hpas = new MapLister<>();
    final MapLister<Pod> pods = new MapLister<>();
    final PodMetricsStore metrics = new PodMetricsStore(Duration.ofMinutes(2), Clock.systemUTC());
    final RecordingEventRecorder events = new RecordingEventRecorder();
    final List<HorizontalPodAutoscalerStatus> written = new ArrayList<>();
    final Map<String, Integer> scales = new HashMap<>();
    Integer replicas = 1;

    final ScaleTargets targets = new ScaleTargets() {
        @Override
        public Scale get(String namespace, CrossVersionObjectReference target) {
            if (replicas == null) {
                return null;
            }
            return new ScaleBuilder().withNewSpec().withReplicas(replicas).endSpec().withNewStatus().withReplicas(replicas)
                    .withSelector("app=web").endStatus().build();
        }

        @Override
        public void scale(String namespace, CrossVersionObjectReference target, int count) {
            scales.put(target.getName(), count);
            replicas = count;
        }
    };

    final HpaReconciler reconciler = new HpaReconciler(hpas, pods, metrics, targets, (hpa, status) -> {
        written.add(status);
        hpas.put(new HorizontalPodAutoscalerBuilder(hpa).withStatus(status).build());
    }, events, Duration.ofSeconds(15), 0.1, Duration.ofMinutes(5), Clock.systemUTC());

    HpaReconcilerTest() {
        hpas.put(new HorizontalPodAutoscalerBuilder().withNewMetadata().withNamespace("shop").withName("web").withGeneration(1L)
                .endMetadata().withNewSpec().withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment")
                .withName("web").endScaleTargetRef().withMinReplicas(1).withMaxReplicas(3)
                .addNewMetric().withType("Resource").withNewResource().withName("cpu").withNewTarget().withType("Utilization")
                .withAverageUtilization(50).endTarget().endResource().endMetric().endSpec().build());
    }

    void runningPod(String name, String cpuUsage) {
        pods.put(new PodBuilder().withNewMetadata().withNamespace("shop").withName(name).withLabels(Map.of("app", "web"))
                .endMetadata().withNewSpec().addNewContainer().withName("c").withNewResources()
                .withRequests(Map.of("cpu", new Quantity("100m"))).endResources().endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus().build());
        metrics.put("shop/" + name, (ObjectNode) JsonMapper.builder().build().readTree("""
                {"kind":"PodMetrics","metadata":{"name":"%s","namespace":"shop"},
                 "containers":[{"name":"c","usage":{"cpu":"%s","memory":"1024Ki"}}]}""".formatted(name, cpuUsage)));
    }

    @Test
    void scalesUpToTheMaximumWritesItsMeasurementAndThenLeavesAnUnchangedStatusAlone() {
        runningPod("web-1", "200m");
        assertThat(reconciler.reconcile(KEY)).isEqualTo(Result.requeueAfter(Duration.ofSeconds(15)));
        assertThat(scales).containsEntry("web", 3);
        assertThat(events.reasons()).containsExactly("SuccessfulRescale");
        assertThat(events.events().get(0).message())
                .isEqualTo("New size: 3; reason: cpu resource utilization (percentage of request) above target");
        HorizontalPodAutoscalerStatus status = written.get(0);
        assertThat(status.getCurrentReplicas()).isEqualTo(1);
        assertThat(status.getDesiredReplicas()).isEqualTo(3);
        assertThat(status.getCurrentMetrics().get(0).getResource().getCurrent().getAverageUtilization()).isEqualTo(200);
        assertThat(status.getConditions()).extracting(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason())
                .containsExactly("AbleToScale=True/SucceededRescale", "ScalingActive=True/ValidMetricFound",
                        "ScalingLimited=True/TooManyReplicas");
        assertThat(status.getLastScaleTime()).isNotNull();

        runningPod("web-2", "50m");
        runningPod("web-3", "50m");
        metrics.put("shop/web-1", metrics.get("shop", "web-2").orElseThrow());
        reconciler.reconcile(KEY);
        int writes = written.size();
        reconciler.reconcile(KEY);
        assertThat(written).as("the same status is not written again").hasSize(writes);
    }

    @Test
    void aMissingTargetIsAFailedGetScaleConditionWrittenOnce() {
        replicas = null;
        reconciler.reconcile(KEY);
        reconciler.reconcile(KEY);
        assertThat(written).hasSize(1);
        assertThat(written.get(0).getConditions()).extracting(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason())
                .containsExactly("AbleToScale=False/FailedGetScale");
        assertThat(written.get(0).getConditions().get(0).getMessage())
                .isEqualTo("the HPA controller was unable to get the target's current scale: deployment \"web\" not found");
    }

    @Test
    void podsWithoutMetricsAreAFailedGetResourceMetricAndNothingIsScaled() {
        runningPod("web-1", "200m");
        metrics.put("shop/web-1", (ObjectNode) JsonMapper.builder().build().readTree("{}"));
        pods.list().forEach(pods::remove);
        pods.put(new PodBuilder().withNewMetadata().withNamespace("shop").withName("web-9").withLabels(Map.of("app", "web"))
                .endMetadata().withNewSpec().addNewContainer().withName("c").withNewResources()
                .withRequests(Map.of("cpu", new Quantity("100m"))).endResources().endContainer().endSpec().build());
        reconciler.reconcile(KEY);
        assertThat(scales).isEmpty();
        assertThat(written.get(0).getConditions()).extracting(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason())
                .containsExactly("ScalingActive=False/FailedGetResourceMetric");
        assertThat(events.reasons()).containsExactly("FailedGetResourceMetric");
    }

    @Test
    void aDeletedHpaIsForgotten() {
        hpas.list().forEach(hpas::remove);
        assertThat(reconciler.reconcile(KEY)).isEqualTo(Result.done());
        assertThat(written).isEmpty();
    }
}
