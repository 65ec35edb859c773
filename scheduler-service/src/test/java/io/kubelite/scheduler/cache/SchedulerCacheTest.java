package io.kubelite.scheduler.cache;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubelite.scheduler.framework.PodInfo;
import io.kubelite.scheduler.placement.Decision;
import io.kubelite.scheduler.placement.Placement;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.kubelite.scheduler.framework.Fixtures.boundTo;
import static io.kubelite.scheduler.framework.Fixtures.node;
import static io.kubelite.scheduler.framework.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

class SchedulerCacheTest {

    private final SchedulerCache cache = new SchedulerCache();
    private final Placement placement = Placement.defaults(new Random(7));

    @Test
    void aBurstDecidedBeforeAnyBindingIsSeenNeverOvercommits() {
        cache.upsertNode(node("n1", "2", "4Gi"));
        cache.upsertNode(node("n2", "2", "4Gi"));
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            decisions.add(cache.schedule(PodInfo.of(pod("p" + i, "1", "1Gi")), placement));
        }

        assertThat(decisions.subList(0, 4)).allMatch(d -> d instanceof Decision.Fits);
        assertThat(decisions.subList(0, 4)).extracting(d -> ((Decision.Fits) d).nodeName())
                .containsExactlyInAnyOrder("n1", "n1", "n2", "n2");
        assertThat(decisions.get(4)).isInstanceOfSatisfying(Decision.Unschedulable.class,
                u -> assertThat(u.error().message()).isEqualTo("0/2 nodes are available: 2 Insufficient cpu."));
    }

    @Test
    void aFailedBindingGivesTheRoomBack() {
        cache.upsertNode(node("n1", "1", "4Gi"));
        PodInfo first = PodInfo.of(pod("a", "1", "1Gi"));
        assertThat(cache.schedule(first, placement)).isInstanceOf(Decision.Fits.class);
        assertThat(cache.schedule(PodInfo.of(pod("b", "1", "1Gi")), placement)).isInstanceOf(Decision.Unschedulable.class);

        cache.forget(first.key());

        assertThat(cache.schedule(PodInfo.of(pod("b", "1", "1Gi")), placement)).isInstanceOf(Decision.Fits.class);
    }

    @Test
    void theInformerShowingThePodStillUnboundKeepsTheAssumption() {
        cache.upsertNode(node("n1", "1", "4Gi"));
        Pod a = pod("a", "1", "1Gi");
        cache.schedule(PodInfo.of(a), placement);

        cache.upsertPod(a);

        assertThat(cache.isAssumed("default/a")).isTrue();
        assertThat(cache.node("n1").orElseThrow().requested().milliCpu()).isEqualTo(1000);
    }

    @Test
    void theBoundPodConfirmsTheAssumptionAndForgetNoLongerRemovesIt() {
        cache.upsertNode(node("n1", "1", "4Gi"));
        Pod a = pod("a", "1", "1Gi");
        cache.schedule(PodInfo.of(a), placement);

        cache.upsertPod(new PodBuilder(a).editSpec().withNodeName("n1").endSpec().build());
        cache.forget("default/a");

        assertThat(cache.isAssumed("default/a")).isFalse();
        assertThat(cache.node("n1").orElseThrow().requested().milliCpu()).isEqualTo(1000);
    }

    @Test
    void podsBoundElsewhereAndTerminatedPodsAreAccountedFor() {
        cache.upsertNode(node("n1", "2", "4Gi"));
        Pod running = pod("a", "1500m", "1Gi", b -> boundTo(b, "n1"));
        cache.upsertPod(running);
        assertThat(cache.schedule(PodInfo.of(pod("b", "1", "1Gi")), placement)).isInstanceOf(Decision.Unschedulable.class);

        cache.upsertPod(new PodBuilder(running).withNewStatus().withPhase("Succeeded").endStatus().build());

        assertThat(cache.node("n1").orElseThrow().requested().milliCpu()).isZero();
        assertThat(cache.schedule(PodInfo.of(pod("b", "1", "1Gi")), placement)).isInstanceOf(Decision.Fits.class);
    }

    @Test
    void deletedPodsAndNodesLeaveTheCache() {
        cache.upsertNode(node("n1", "2", "4Gi"));
        Pod running = pod("a", "1500m", "1Gi", b -> boundTo(b, "n1"));
        cache.upsertPod(running);

        cache.removePod(running);
        cache.removeNode("n1");

        assertThat(cache.nodeCount()).isZero();
        assertThat(cache.nodeOf("default/a")).isEmpty();
    }

    @Test
    void followsTheNominationTheApiShowsAndForgetsItWhenTheApiClearsItOrThePodIsBound() {
        cache.upsertNode(node("n1", "2", "4Gi"));
        Pod nominated = new PodBuilder(pod("urgent", "1", "1Gi")).withNewStatus().withNominatedNodeName("n1").endStatus().build();

        cache.upsertPod(nominated);
        assertThat(cache.nominatedNode("default/urgent")).contains("n1");

        cache.upsertPod(new PodBuilder(nominated).editStatus().withNominatedNodeName(null).endStatus().build());
        assertThat(cache.nominatedNode("default/urgent")).isEmpty();

        cache.upsertPod(nominated);
        cache.upsertPod(new PodBuilder(nominated).editSpec().withNodeName("n1").endSpec().build());
        assertThat(cache.nominatedNode("default/urgent")).isEmpty();
    }

    @Test
    void keepsItsOwnNominationUntilTheApiHasShownOne() {
        cache.upsertNode(node("n1", "1", "4Gi"));
        Pod low = pod("low", "1", "1Gi", b -> b.editSpec().withNodeName("n1").endSpec());
        cache.upsertPod(low);
        PodInfo urgent = PodInfo.of(pod("urgent", "1", "1Gi", b -> b.editSpec().withPriority(1000).endSpec()));

        cache.preempt(urgent, io.kubelite.scheduler.preemption.Preemption.defaults(), List.of());
        cache.upsertPod(urgent.pod()); // an update written before the nomination reached the API
        assertThat(cache.nominatedNode("default/urgent")).contains("n1");

        cache.removePod(low);
        assertThat(cache.schedule(urgent, placement)).isInstanceOfSatisfying(Decision.Fits.class,
                f -> assertThat(f.nodeName()).isEqualTo("n1"));
    }
}
