package io.kubelite.replication.gc;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.reconcile.Result;
import io.kubelite.replication.pods.Owners;
import io.kubelite.controller.informer.MapLister;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GarbageCollectorTest {

    final MapLister<Pod> pods = new MapLister<>();
    final MapLister<ReplicaSet> replicaSets = new MapLister<>();
    final GcKind<Pod> podKind = new GcKind<>("v1", "Pod", Pod.class, pods, null);
    final GcKind<ReplicaSet> rsKind = new GcKind<>("apps/v1", "ReplicaSet", ReplicaSet.class, replicaSets, null);
    final List<String> calls = new ArrayList<>();
    /** Objects of kinds no collector watches (custom resources): "namespace/name" → uid. */
    final java.util.Map<String, String> foreign = new java.util.HashMap<>();

    /** The "API" is the caches themselves: what they hold is what a live read returns. */
    final GcApi api = new GcApi() {
        @Override
        public Optional<HasMetadata> live(GcKind<?> kind, ObjectKey key) {
            return kind.lister().get(key).map(o -> (HasMetadata) o);
        }

        @Override
        public Optional<String> foreignUid(String apiVersion, String kind, String namespace, String name) {
            calls.add("read " + kind + " " + name);
            return Optional.ofNullable(foreign.get(namespace + "/" + name));
        }

        @Override
        public void delete(GcKind<?> kind, HasMetadata object) {
            calls.add("delete " + object.getMetadata().getName());
        }

        @Override
        public void removeOwnerReferences(GcKind<?> kind, HasMetadata object, List<String> ownerUids) {
            calls.add("release " + object.getMetadata().getName() + " from " + ownerUids);
        }

        @Override
        public void removeFinalizer(GcKind<?> kind, HasMetadata object, String finalizer) {
            calls.add("remove finalizer " + finalizer + " of " + object.getMetadata().getName());
        }
    };

    final GarbageCollector<Pod> podGc = new GarbageCollector<>(podKind, List.of(podKind, rsKind), api,
            java.time.Duration.ofSeconds(15));
    final GarbageCollector<ReplicaSet> rsGc = new GarbageCollector<>(rsKind, List.of(podKind, rsKind), api,
            java.time.Duration.ofSeconds(15));

    ReplicaSet rs(String... finalizers) {
        ReplicaSetBuilder b = new ReplicaSetBuilder().withNewMetadata().withName("web").withNamespace("default")
                .withUid("rs-uid").withFinalizers(finalizers).endMetadata();
        if (finalizers.length > 0) {
            b.editMetadata().withDeletionTimestamp("2026-01-01T10:00:00Z").endMetadata();
        }
        ReplicaSet rs = b.build();
        replicaSets.put(rs);
        return rs;
    }

    Pod pod(String name) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withUid(name + "-uid")
                .withOwnerReferences(Owners.controllerRef("apps/v1", "ReplicaSet", "web", "rs-uid")).endMetadata().build();
        pods.put(pod);
        return pod;
    }

    @Test
    void aPodOwnedByACustomResourceIsRecheckedWhileItsOwnerLivesAndCollectedOnceItIsGone() {
        Pod pod = new PodBuilder().withNewMetadata().withName("db-0").withNamespace("default").withUid("db-0-uid")
                .withOwnerReferences(Owners.controllerRef("example.com/v1", "Database", "db", "db-uid")).endMetadata().build();
        pods.put(pod);
        foreign.put("default/db", "db-uid");

        assertThat(podGc.reconcile(ObjectKey.of("default", "db-0")))
                .isEqualTo(io.kubelite.controller.reconcile.Result.requeueAfter(java.time.Duration.ofSeconds(15)));
        assertThat(calls).containsExactly("read Database db");

        foreign.put("default/db", "a-new-db-uid");
        podGc.reconcile(ObjectKey.of("default", "db-0"));
        assertThat(calls).endsWith("delete db-0");
    }

    @Test
    void deletesAPodWhoseReplicaSetIsGone() {
        pod("web-1");
        podGc.reconcile(ObjectKey.of("default", "web-1"));
        assertThat(calls).containsExactly("delete web-1");
    }

    @Test
    void keepsAPodWhoseReplicaSetExists() {
        rs();
        pod("web-1");
        podGc.reconcile(ObjectKey.of("default", "web-1"));
        assertThat(calls).isEmpty();
    }

    @Test
    void deletesAPodWhoseOwnerNameNowBelongsToANewObjectWithAnotherUid() {
        replicaSets.put(new ReplicaSetBuilder().withNewMetadata().withName("web").withNamespace("default")
                .withUid("another-uid").endMetadata().build());
        pod("web-1");
        podGc.reconcile(ObjectKey.of("default", "web-1"));
        assertThat(calls).containsExactly("delete web-1");
    }

    @Test
    void orphanFinalizerReleasesDependentsThenRemovesItself() {
        rs("orphan");
        pod("web-1");
        pod("web-2");
        rsGc.reconcile(ObjectKey.of("default", "web"));
        assertThat(calls).containsExactly("release web-1 from [rs-uid]", "release web-2 from [rs-uid]",
                "remove finalizer orphan of web");
    }

    @Test
    void foregroundDeletionDeletesDependentsFirstAndRemovesTheFinalizerOnceNoneIsLeft() {
        rs("foregroundDeletion");
        Pod one = pod("web-1");
        Result first = rsGc.reconcile(ObjectKey.of("default", "web"));
        assertThat(calls).containsExactly("delete web-1");
        assertThat(first).isInstanceOf(Result.RequeueAfter.class);

        pods.remove(one);
        calls.clear();
        rsGc.reconcile(ObjectKey.of("default", "web"));
        assertThat(calls).containsExactly("remove finalizer foregroundDeletion of web");
    }
}
