package io.kubelite.scheduler.lifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.RecordingEventRecorder;
import io.kubelite.controller.reconcile.Result;
import io.kubelite.controller.time.ManualClock;
import io.kubelite.controller.informer.MapLister;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.kubelite.scheduler.framework.Fixtures.boundTo;
import static io.kubelite.scheduler.framework.Fixtures.node;
import static io.kubelite.scheduler.framework.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

class NodeLifecycleReconcilerTest {

    private static final ObjectKey N1 = new ObjectKey("", "n1");

    private final ManualClock clock = new ManualClock(LifecycleDecisionsTest.T0);
    private final MapLister<Node> nodes = new MapLister<>();
    private final MapLister<Lease> leases = new MapLister<>();
    private final MapLister<Pod> pods = new MapLister<>();
    private final RecordingNodeControl control = new RecordingNodeControl();
    private final RecordingEventRecorder events = new RecordingEventRecorder();
    private final NodeLifecycleReconciler reconciler = new NodeLifecycleReconciler(nodes, leases, pods, control, events,
            clock, Duration.ofSeconds(20), Duration.ofSeconds(10));

    @Test
    void checksAgainWhenTheLeaseWouldExpireAndChangesNothingMeanwhile() {
        nodes.put(node("n1", "1", "1Gi"));
        leases.put(LifecycleDecisionsTest.lease(clock.instant()));
        reconciler.reconcile(N1);
        clock.advance(Duration.ofSeconds(5));

        Result result = reconciler.reconcile(N1);

        assertThat(result).isEqualTo(Result.requeueAfter(Duration.ofMillis(15_200)));
        assertThat(control.calls).isEmpty();
    }

    @Test
    void aNodeThatHasNotReportedReadyYetIsLeftAloneWhileItsLeaseIsFresh() {
        nodes.put(node("n1", "1", "1Gi", b -> b.editStatus().withConditions().endStatus()));
        leases.put(LifecycleDecisionsTest.lease(clock.instant()));
        pods.put(pod("web", null, null, b -> boundTo(b, "n1")));

        reconciler.reconcile(N1);

        assertThat(control.calls).isEmpty();
    }

    @Test
    void aNodeFirstSeenWithAnOldLeaseGetsAFullGracePeriod() {
        nodes.put(node("n1", "1", "1Gi"));
        leases.put(LifecycleDecisionsTest.lease(clock.instant().minusSeconds(600)));

        Result result = reconciler.reconcile(N1);

        assertThat(result).isEqualTo(Result.requeueAfter(Duration.ofMillis(20_200)));
        assertThat(control.calls).isEmpty();
    }

    @Test
    void aNodeThatStopsRenewingBecomesUnknownTaintedAndLosesItsPodsAfterTheToleration() {
        nodes.put(node("n1", "1", "1Gi"));
        leases.put(LifecycleDecisionsTest.lease(clock.instant()));
        Pod defaulted = pod("web", null, null, b -> boundTo(b, "n1").editSpec().withTolerations(
                new Toleration("NoExecute", "node.kubernetes.io/unreachable", "Exists", 300L, null)).endSpec());
        Pod daemon = pod("agent", null, null, b -> boundTo(b, "n1").editSpec().withTolerations(
                new Toleration("NoExecute", "node.kubernetes.io/unreachable", "Exists", null, null)).endSpec());
        pods.put(defaulted);
        pods.put(daemon);
        reconciler.reconcile(N1);
        clock.advance(Duration.ofSeconds(21));

        Result result = reconciler.reconcile(N1);

        assertThat(control.calls).containsExactly(
                "taints n1: node.kubernetes.io/unreachable:NoSchedule, node.kubernetes.io/unreachable:NoExecute",
                "ready n1: Unknown NodeStatusUnknown Kubelet stopped posting node status.",
                "not-ready default/web", "not-ready default/agent");
        assertThat(result).isEqualTo(Result.requeueAfter(Duration.ofSeconds(10)));
        assertThat(events.reasons()).containsExactly("NodeNotReady");

        nodes.put(control.applied(nodes.get(N1).orElseThrow()));
        pods.put(notReady(defaulted));
        pods.put(notReady(daemon));
        control.calls.clear();
        clock.advance(Duration.ofSeconds(10));
        reconciler.reconcile(N1);

        assertThat(control.calls).containsExactly("evict default/web");
        assertThat(events.reasons()).containsExactly("NodeNotReady", "TaintManagerEviction");
    }

    @Test
    void aNodeWhoseLeaseIsRenewedAgainIsReadyAndUntainted() {
        nodes.put(node("n1", "1", "1Gi"));
        leases.put(LifecycleDecisionsTest.lease(clock.instant()));
        reconciler.reconcile(N1);
        clock.advance(Duration.ofSeconds(30));
        reconciler.reconcile(N1);
        nodes.put(control.applied(nodes.get(N1).orElseThrow()));
        control.calls.clear();

        leases.put(LifecycleDecisionsTest.lease(clock.instant()));
        reconciler.reconcile(N1);

        assertThat(control.calls).containsExactly("taints n1: ", "ready n1: True KubeletReady node lease renewed");
    }

    static Pod notReady(Pod pod) {
        return new io.fabric8.kubernetes.api.model.PodBuilder(pod).withNewStatus().addNewCondition().withType("Ready")
                .withStatus("False").endCondition().endStatus().build();
    }

    /** Records calls and remembers the last taints and Ready condition written, to apply them to a node. */
    static final class RecordingNodeControl implements NodeControl {
        final List<String> calls = new ArrayList<>();
        List<Taint> taints;
        NodeCondition ready;

        @Override
        public void setReadyCondition(Node node, NodeCondition ready) {
            this.ready = ready;
            calls.add("ready " + node.getMetadata().getName() + ": " + ready.getStatus() + " " + ready.getReason() + " "
                    + ready.getMessage());
        }

        @Override
        public void setTaints(Node node, List<Taint> taints) {
            this.taints = taints;
            calls.add("taints " + node.getMetadata().getName() + ": " + String.join(", ",
                    taints.stream().map(t -> t.getKey() + ":" + t.getEffect()).toList()));
        }

        @Override
        public void markPodNotReady(Pod pod) {
            calls.add("not-ready " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
        }

        @Override
        public void evict(Pod pod) {
            calls.add("evict " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
        }

        Node applied(Node node) {
            NodeBuilder b = new NodeBuilder(node).editSpec().withTaints(taints).endSpec();
            if (ready != null) {
                b.editStatus().withConditions(ready).endStatus();
            }
            return b.build();
        }
    }
}
