package io.kubelite.replication.podgc;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubelite.controller.reconcile.Result;
import io.kubelite.controller.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PodGcTest {

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T12:00:00Z"));
    final List<Pod> pods = new ArrayList<>();
    final Set<String> cachedNodes = new HashSet<>(Set.of("node-1"));
    final Set<String> apiNodes = new HashSet<>(Set.of("node-1"));
    final List<String> deleted = new ArrayList<>();
    final PodGc gc = new PodGc(() -> List.copyOf(pods), () -> Set.copyOf(cachedNodes), new PodGc.PodGcApi() {
        @Override
        public boolean nodeExists(String name) {
            return apiNodes.contains(name);
        }

        @Override
        public void forceDelete(Pod pod, String reason) {
            deleted.add(pod.getMetadata().getName());
            pods.remove(pod);
        }
    }, 2, Duration.ofSeconds(20), Duration.ofSeconds(40), clock);

    static Pod pod(String name, String node, String phase, String created, boolean deleting) {
        return new PodBuilder().withNewMetadata().withNamespace("default").withName(name).withCreationTimestamp(created)
                .withDeletionTimestamp(deleting ? "2026-11-26T11:59:00Z" : null).endMetadata()
                .withNewSpec().withNodeName(node).endSpec().withNewStatus().withPhase(phase).endStatus().build();
    }

    void pass() {
        assertThat(gc.reconcile(PodGc.KEY)).isEqualTo(Result.requeueAfter(Duration.ofSeconds(20)));
    }

    @Test
    void podsOfANodeThatIsGoneAreDeletedAfterTheQuarantineOnceTheApiConfirmsIt() {
        pods.add(pod("on-node-1", "node-1", "Running", "2026-11-26T11:00:00Z", false));
        pods.add(pod("on-node-2", "node-2", "Running", "2026-11-26T11:00:00Z", false));
        apiNodes.add("node-2");
        pass();
        clock.advance(Duration.ofSeconds(41));
        pass();
        assertThat(deleted).as("the API still has node-2: the cache is behind").isEmpty();
        apiNodes.remove("node-2");
        clock.advance(Duration.ofSeconds(20));
        pass();
        assertThat(deleted).containsExactly("on-node-2");
    }

    @Test
    void aNodeThatComesBackWithinTheQuarantineKeepsItsPods() {
        pods.add(pod("on-node-2", "node-2", "Running", "2026-11-26T11:00:00Z", false));
        pass();
        clock.advance(Duration.ofSeconds(20));
        cachedNodes.add("node-2");
        pass();
        cachedNodes.remove("node-2");
        clock.advance(Duration.ofSeconds(30));
        pass();
        assertThat(deleted).as("the quarantine starts again when the node goes again").isEmpty();
    }

    @Test
    void aTerminatingPodThatWasNeverScheduledIsDeletedAtOnce() {
        pods.add(pod("pending-deleted", null, "Pending", "2026-11-26T11:00:00Z", true));
        pods.add(pod("pending", null, "Pending", "2026-11-26T11:00:00Z", false));
        pass();
        assertThat(deleted).containsExactly("pending-deleted");
    }

    @Test
    void finishedPodsBeyondTheThresholdGoOldestFirst() {
        pods.add(pod("done-3", "node-1", "Succeeded", "2026-11-26T10:03:00Z", false));
        pods.add(pod("done-1", "node-1", "Failed", "2026-11-26T10:01:00Z", false));
        pods.add(pod("done-2", "node-1", "Succeeded", "2026-11-26T10:02:00Z", false));
        pods.add(pod("done-0", "node-1", "Succeeded", "2026-11-26T10:00:00Z", false));
        pods.add(pod("running", "node-1", "Running", "2026-11-26T09:00:00Z", false));
        pass();
        assertThat(deleted).containsExactly("done-0", "done-1");
    }
}
