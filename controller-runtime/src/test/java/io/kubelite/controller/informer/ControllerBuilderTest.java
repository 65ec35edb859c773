package io.kubelite.controller.informer;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.reconcile.Controller;
import io.kubelite.controller.reconcile.ControllerBuilder;
import io.kubelite.controller.reconcile.Result;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ControllerBuilderTest {

    @Test
    void ownKindEnqueuesItsKeyAndOwnedKindEnqueuesItsControllerOwner() throws Exception {
        FakeChangeStream<ReplicaSet> rsStream = new FakeChangeStream<>();
        FakeChangeStream<Pod> podStream = new FakeChangeStream<>();
        Informer<ReplicaSet> replicaSets = new Informer<>("rs", () -> new ListSource.Snapshot<>(List.of(), 1), rsStream,
                null, null, Clock.systemUTC());
        Informer<Pod> pods = new Informer<>("pods", () -> new ListSource.Snapshot<>(List.of(), 1), podStream, null, null,
                Clock.systemUTC());
        Set<ObjectKey> reconciled = ConcurrentHashMap.newKeySet();
        Controller controller = ControllerBuilder.named("replicaset")
                .forKind(replicaSets)
                .owns(pods, "ReplicaSet")
                .reconciler(key -> {
                    reconciled.add(key);
                    return Result.done();
                })
                .build();
        replicaSets.start();
        pods.start();
        // events appended before an informer marked its position would come before its start
        assertThat(replicaSets.waitForSync(Duration.ofSeconds(5))).isTrue();
        assertThat(pods.waitForSync(Duration.ofSeconds(5))).isTrue();
        controller.start();
        try {
            rsStream.append(ChangeEvent.Type.ADDED, new ReplicaSetBuilder().withNewMetadata().withNamespace("ns")
                    .withName("web").withResourceVersion("2").endMetadata().build());
            podStream.append(ChangeEvent.Type.ADDED, new PodBuilder().withNewMetadata().withNamespace("ns")
                    .withName("web-x1").withResourceVersion("3")
                    .addNewOwnerReference().withKind("ReplicaSet").withName("frontend").withUid("u1").withController(true)
                    .endOwnerReference().endMetadata().build());
            podStream.append(ChangeEvent.Type.ADDED, new PodBuilder().withNewMetadata().withNamespace("ns")
                    .withName("loner").withResourceVersion("4").endMetadata().build());

            await().atMost(Duration.ofSeconds(5)).until(() -> reconciled.size() == 2);
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                    assertThat(reconciled).containsExactlyInAnyOrder(ObjectKey.of("ns", "web"), ObjectKey.of("ns", "frontend")));
        } finally {
            controller.stop(Duration.ofSeconds(2));
            replicaSets.stop();
            pods.stop();
        }
    }
    @Test
    void anUpdateThatDoesNotMatterEnqueuesNothing() throws Exception {
        FakeChangeStream<Pod> podStream = new FakeChangeStream<>();
        Informer<Pod> pods = new Informer<>("pods", () -> new ListSource.Snapshot<>(List.of(), 1), podStream, null, null,
                Clock.systemUTC());
        List<ObjectKey> reconciled = new java.util.concurrent.CopyOnWriteArrayList<>();
        Controller controller = ControllerBuilder.named("labels-only")
                .watches(pods, pod -> List.of(ObjectKey.of("ns", pod.getMetadata().getName())),
                        (oldPod, newPod) -> !java.util.Objects.equals(oldPod.getMetadata().getLabels(), newPod.getMetadata().getLabels()))
                .reconciler(key -> {
                    reconciled.add(key);
                    return Result.done();
                })
                .build();
        pods.start();
        assertThat(pods.waitForSync(Duration.ofSeconds(5))).isTrue();
        controller.start();
        try {
            podStream.append(ChangeEvent.Type.ADDED, new PodBuilder().withNewMetadata().withNamespace("ns").withName("a")
                    .withResourceVersion("2").endMetadata().build());
            await().atMost(Duration.ofSeconds(5)).until(() -> reconciled.size() == 1);
            podStream.append(ChangeEvent.Type.MODIFIED, new PodBuilder().withNewMetadata().withNamespace("ns").withName("a")
                    .withResourceVersion("3").endMetadata().withNewStatus().withPhase("Running").endStatus().build());
            podStream.append(ChangeEvent.Type.MODIFIED, new PodBuilder().withNewMetadata().withNamespace("ns").withName("b")
                    .withResourceVersion("4").endMetadata().build());
            // b's first sighting is an add; a's status-only update, queued before it, was dropped
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(reconciled).containsExactly(ObjectKey.of("ns", "a"), ObjectKey.of("ns", "b")));
            podStream.append(ChangeEvent.Type.MODIFIED, new PodBuilder().withNewMetadata().withNamespace("ns").withName("a")
                    .withResourceVersion("5").addToLabels("tier", "web").endMetadata().build());
            // old and new both map to a, so it may be reconciled once or twice
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(reconciled).hasSizeGreaterThanOrEqualTo(3));
            assertThat(reconciled.subList(2, reconciled.size())).containsOnly(ObjectKey.of("ns", "a"));
        } finally {
            controller.stop(Duration.ofSeconds(2));
            pods.stop();
        }
    }
}
