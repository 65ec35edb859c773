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
}
