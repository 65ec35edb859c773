package io.kubelite.replication.gc;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PartialObjectMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.reconcile.Result;
import io.kubelite.replication.pods.Owners;
import io.kubelite.controller.informer.MapLister;
import io.kubelite.controller.informer.MetadataKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GarbageCollectorTest {

    final MapLister<Pod> pods = new MapLister<>();
    final MapLister<ReplicaSet> replicaSets = new MapLister<>();
    final GcKind<Pod> podKind = GcKind.typed(Pod.class, pods, null);
    final GcKind<ReplicaSet> rsKind = GcKind.typed(ReplicaSet.class, replicaSets, null);
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

    // kinds cached as metadata only
    final MapLister<PartialObjectMetadata> secrets = new MapLister<>();
    final MapLister<PartialObjectMetadata> leases = new MapLister<>();
    final MapLister<Node> nodes = new MapLister<>();
    final GcKind<PartialObjectMetadata> secretKind = GcKind.metadata(new MetadataKind("v1", "Secret", "secrets", true), secrets, null);
    final GcKind<PartialObjectMetadata> leaseKind = GcKind.metadata(
            new MetadataKind("coordination.k8s.io/v1", "Lease", "leases", true), leases, null);
    final GcKind<PartialObjectMetadata> bindingKind = GcKind.metadata(
            new MetadataKind("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "clusterrolebindings", false),
            new MapLister<>(), null);
    final GcKind<Node> nodeKind = GcKind.typed(Node.class, nodes, null);
    final List<GcKind<?>> everyKind = List.of(podKind, rsKind, secretKind, leaseKind, bindingKind, nodeKind);

    PartialObjectMetadata metadataOf(GcKind<PartialObjectMetadata> kind, String namespace, String name,
            io.fabric8.kubernetes.api.model.OwnerReference owner) {
        PartialObjectMetadata object = new PartialObjectMetadata();
        object.setApiVersion(kind.apiVersion());
        object.setKind(kind.kind());
        object.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .withUid(name + "-uid").withOwnerReferences(owner).build());
        ((MapLister<PartialObjectMetadata>) kind.lister()).put(object);
        return object;
    }

    @Test
    void aSecretOwnedByAReplicaSetIsCollectedOnceTheReplicaSetIsGone() {
        metadataOf(secretKind, "default", "web-token", Owners.controllerRef("apps/v1", "ReplicaSet", "web", "rs-uid"));
        var secretGc = new GarbageCollector<>(secretKind, everyKind, api, java.time.Duration.ofSeconds(15));

        rs();
        secretGc.reconcile(ObjectKey.of("default", "web-token"));
        assertThat(calls).isEmpty();

        replicaSets.remove(replicaSets.get(ObjectKey.of("default", "web")).orElseThrow());
        secretGc.reconcile(ObjectKey.of("default", "web-token"));
        assertThat(calls).containsExactly("delete web-token");
    }

    @Test
    void aNodesLeaseInItsNamespaceFindsItsClusterScopedOwnerAndGoesWithIt() {
        nodes.put(new NodeBuilder().withNewMetadata().withName("node-1").withUid("node-1-uid").endMetadata().build());
        metadataOf(leaseKind, "kube-node-lease", "node-1", new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
                .withApiVersion("v1").withKind("Node").withName("node-1").withUid("node-1-uid").build());
        var leaseGc = new GarbageCollector<>(leaseKind, everyKind, api, java.time.Duration.ofSeconds(15));

        leaseGc.reconcile(ObjectKey.of("kube-node-lease", "node-1"));
        assertThat(calls).isEmpty();

        nodes.remove(nodes.get(ObjectKey.clusterScoped("node-1")).orElseThrow());
        leaseGc.reconcile(ObjectKey.of("kube-node-lease", "node-1"));
        assertThat(calls).containsExactly("delete node-1");
    }

    @Test
    void aClusterScopedObjectNamingANamespacedOwnerIsNeverCollectedOnItsAccount() {
        metadataOf(bindingKind, null, "web-binding", Owners.controllerRef("apps/v1", "ReplicaSet", "web", "rs-uid"));
        var bindingGc = new GarbageCollector<>(bindingKind, everyKind, api, java.time.Duration.ofSeconds(15));

        bindingGc.reconcile(ObjectKey.clusterScoped("web-binding"));

        assertThat(calls).isEmpty();
    }

    @Test
    void foregroundDeletionWaitsForDependentsCachedAsMetadataOnly() {
        rs("foregroundDeletion");
        metadataOf(secretKind, "default", "web-token", Owners.controllerRef("apps/v1", "ReplicaSet", "web", "rs-uid"));
        var gc = new GarbageCollector<>(rsKind, everyKind, api, java.time.Duration.ofSeconds(15));

        assertThat(gc.reconcile(ObjectKey.of("default", "web"))).isInstanceOf(Result.RequeueAfter.class);
        assertThat(calls).containsExactly("delete web-token");

        secrets.remove(secrets.get(ObjectKey.of("default", "web-token")).orElseThrow());
        gc.reconcile(ObjectKey.of("default", "web"));
        assertThat(calls).endsWith("remove finalizer foregroundDeletion of web");
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
