package io.kubelite.scheduler.scheduling;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.queue.WorkQueue;
import io.kubelite.controller.time.ManualClock;
import io.kubelite.controller.time.ManualScheduler;
import io.kubelite.scheduler.cache.SchedulerCache;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.kubelite.scheduler.framework.Fixtures.boundTo;
import static io.kubelite.scheduler.framework.Fixtures.node;
import static io.kubelite.scheduler.framework.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

class SchedulerEventsTest {

    private final SchedulerCache cache = new SchedulerCache();
    private final UnschedulablePods parked = new UnschedulablePods();
    private final ActiveQueue active = new ActiveQueue();
    private final WorkQueue queue = new WorkQueue("scheduler", new ManualScheduler(ManualClock.atEpochOfTests()));
    private final SchedulerEvents events = new SchedulerEvents(cache, parked, active);

    @BeforeEach
    void parkOnePod() {
        active.use(queue);
        parked.add(new ObjectKey("default", "waiting"));
    }

    @Test
    void uncordoningANodeRetriesUnschedulablePods() {
        Node cordoned = node("n1", "2", "4Gi", b -> b.editSpec().withUnschedulable(true).endSpec());
        events.nodes().onAdd(cordoned);
        drain();

        events.nodes().onUpdate(cordoned, new NodeBuilder(cordoned).editSpec().withUnschedulable(false).endSpec().build());

        assertThat(queue.len()).isEqualTo(1);
    }

    @Test
    void aHeartbeatRetriesNothing() {
        Node n = node("n1", "2", "4Gi");
        events.nodes().onAdd(n);
        drain();

        events.nodes().onUpdate(n, new NodeBuilder(n).editMetadata().withResourceVersion("2").endMetadata().build());

        assertThat(queue.len()).isZero();
    }

    @Test
    void aPodLeavingItsNodeRetriesUnschedulablePodsAndFreesTheRoom() {
        events.nodes().onAdd(node("n1", "2", "4Gi"));
        Pod running = pod("running", "2", "1Gi", b -> boundTo(b, "n1"));
        events.pods().onAdd(running);
        drain();
        assertThat(cache.node("n1").orElseThrow().requested().milliCpu()).isEqualTo(2000);

        events.pods().onDelete(running);

        assertThat(queue.len()).isEqualTo(1);
        assertThat(cache.node("n1").orElseThrow().requested().milliCpu()).isZero();
    }

    private void drain() {
        while (queue.len() > 0) {
            try {
                ObjectKey key = queue.get().orElseThrow();
                queue.done(key);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
