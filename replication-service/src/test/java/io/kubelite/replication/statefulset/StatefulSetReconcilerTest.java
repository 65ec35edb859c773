package io.kubelite.replication.statefulset;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.RecordingEventRecorder;
import io.kubelite.controller.time.ManualClock;
import io.kubelite.replication.history.RevisionControl;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class StatefulSetReconcilerTest {

    static final ObjectKey KEY = ObjectKey.of("default", "web");

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T10:00:00Z"));
    final RecordingEventRecorder events = new RecordingEventRecorder();
    final Map<String, Pod> pods = new TreeMap<>();
    final Map<String, PersistentVolumeClaim> claims = new TreeMap<>();
    final Map<String, ControllerRevision> revisions = new TreeMap<>();
    final List<String> deleted = new ArrayList<>();
    int uids;
    StatefulSet set = new StatefulSetBuilder().withNewMetadata().withName("web").withNamespace("default").withUid("sts-uid")
            .withGeneration(1L).endMetadata()
            .withNewSpec().withReplicas(2).withServiceName("nginx").withPodManagementPolicy("OrderedReady")
            .withNewUpdateStrategy().withType("RollingUpdate").withNewRollingUpdate().withPartition(0).endRollingUpdate()
            .endUpdateStrategy()
            .withNewSelector().addToMatchLabels("app", "nginx").endSelector()
            .withNewTemplate().withNewMetadata().addToLabels("app", "nginx").endMetadata()
            .withNewSpec().addNewContainer().withName("nginx").withImage("nginx:1").addNewVolumeMount().withName("www")
            .withMountPath("/usr/share/nginx/html").endVolumeMount().endContainer().endSpec().endTemplate()
            .addNewVolumeClaimTemplate().withNewMetadata().withName("www").endMetadata().withNewSpec()
            .withAccessModes("ReadWriteOnce").withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources()
            .endSpec().endVolumeClaimTemplate()
            .endSpec().build();

    final StatefulSetReconciler reconciler = new StatefulSetReconciler(new StatefulSetStore() {
        @Override
        public Optional<StatefulSet> get(ObjectKey key) {
            return Optional.of(set);
        }

        @Override
        public List<Pod> pods(String uid) {
            return List.copyOf(pods.values());
        }

        @Override
        public List<ControllerRevision> revisions(String uid) {
            return List.copyOf(revisions.values());
        }

        @Override
        public Optional<PersistentVolumeClaim> claim(String namespace, String name) {
            return Optional.ofNullable(claims.get(name));
        }
    }, new StatefulControl() {
        @Override
        public boolean createPod(Pod pod) {
            if (pods.containsKey(pod.getMetadata().getName())) {
                return false;
            }
            pods.put(pod.getMetadata().getName(), new PodBuilder(pod).editMetadata().withUid("pod-" + ++uids).endMetadata()
                    .withNewStatus().withPhase("Pending").endStatus().build());
            return true;
        }

        @Override
        public void deletePod(String namespace, String name) {
            deleted.add(name);
            pods.remove(name);
        }

        @Override
        public boolean createClaim(PersistentVolumeClaim claim) {
            return claims.putIfAbsent(claim.getMetadata().getName(), claim) == null;
        }

        @Override
        public void addClaimOwner(PersistentVolumeClaim claim, OwnerReference owner) {
            claims.put(claim.getMetadata().getName(), new PersistentVolumeClaimBuilder(claim).editMetadata()
                    .addToOwnerReferences(owner).endMetadata().build());
        }

        @Override
        public void writeStatus(StatefulSet updated) {
            set = updated;
        }
    }, new RevisionControl() {
        @Override
        public void create(ControllerRevision revision) {
            revisions.put(revision.getMetadata().getName(), revision);
        }

        @Override
        public void renumber(ControllerRevision revision, long to) {
            revisions.put(revision.getMetadata().getName(), new ControllerRevisionBuilder(revision).withRevision(to).build());
        }

        @Override
        public void delete(ControllerRevision revision) {
            revisions.remove(revision.getMetadata().getName());
        }
    }, events, clock);

    void ready(String name) {
        pods.put(name, new PodBuilder(pods.get(name)).withNewStatus().withPhase("Running").addNewCondition().withType("Ready")
                .withStatus("True").withLastTransitionTime("2026-11-27T09:59:00Z").endCondition().endStatus().build());
    }

    String revisionOf(String pod) {
        return pods.get(pod).getMetadata().getLabels().get("controller-revision-hash");
    }

    @Test
    void startsThePodsInOrderEachWithItsIdentityAndClaim() {
        reconciler.reconcile(KEY);

        assertThat(pods.keySet()).containsExactly("web-0");
        Pod pod = pods.get("web-0");
        assertThat(pod.getSpec().getHostname()).isEqualTo("web-0");
        assertThat(pod.getSpec().getSubdomain()).isEqualTo("nginx");
        assertThat(pod.getMetadata().getLabels()).containsEntry("app", "nginx")
                .containsEntry("statefulset.kubernetes.io/pod-name", "web-0").containsEntry("apps.kubernetes.io/pod-index", "0")
                .containsEntry("controller-revision-hash", set.getStatus().getUpdateRevision());
        assertThat(pod.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(r -> assertThat(r.getKind() + "/" + r.getName() + " " + r.getController()).isEqualTo("StatefulSet/web true"));
        assertThat(pod.getSpec().getVolumes()).singleElement().satisfies(v -> {
            assertThat(v.getName()).isEqualTo("www");
            assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("www-web-0");
        });
        assertThat(claims.get("www-web-0").getMetadata().getLabels()).containsEntry("app", "nginx");
        assertThat(claims.get("www-web-0").getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("1Gi"));
        assertThat(events.events()).extracting(e -> e.reason() + ": " + e.message()).containsExactly(
                "SuccessfulCreate: create Claim www-web-0 Pod web-0 in StatefulSet web success",
                "SuccessfulCreate: create Pod web-0 in StatefulSet web successful");
        assertThat(revisions).hasSize(1);
        assertThat(set.getStatus().getReplicas()).isEqualTo(1);
        assertThat(set.getStatus().getReadyReplicas()).isZero();
        assertThat(set.getStatus().getObservedGeneration()).isEqualTo(1L);

        reconciler.reconcile(KEY);
        assertThat(pods.keySet()).as("web-1 waits for web-0 to be ready").containsExactly("web-0");

        ready("web-0");
        reconciler.reconcile(KEY);
        assertThat(pods.keySet()).containsExactly("web-0", "web-1");
        assertThat(pods.get("web-1").getSpec().getVolumes().get(0).getPersistentVolumeClaim().getClaimName()).isEqualTo("www-web-1");
        ready("web-1");
        reconciler.reconcile(KEY);
        assertThat(set.getStatus().getReadyReplicas()).isEqualTo(2);
        assertThat(set.getStatus().getCurrentRevision()).isEqualTo(set.getStatus().getUpdateRevision());
    }

    @Test
    void aNewTemplateRollsFromTheHighestOrdinalAndBecomesCurrentWhenAllRunIt() {
        for (int i = 0; i < 3; i++) {
            reconciler.reconcile(KEY);
            pods.keySet().forEach(this::ready);
        }
        String first = set.getStatus().getUpdateRevision();
        set = new StatefulSetBuilder(set).editSpec().editTemplate().editSpec().editFirstContainer().withImage("nginx:2")
                .endContainer().endSpec().endTemplate().endSpec().editMetadata().withGeneration(2L).endMetadata().build();

        reconciler.reconcile(KEY);

        assertThat(deleted).containsExactly("web-1");
        String second = set.getStatus().getUpdateRevision();
        assertThat(second).isNotEqualTo(first);
        assertThat(set.getStatus().getCurrentRevision()).isEqualTo(first);
        assertThat(revisions.keySet()).containsExactlyInAnyOrder(first, second);

        reconciler.reconcile(KEY);
        assertThat(revisionOf("web-1")).isEqualTo(second);
        assertThat(pods.get("web-1").getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:2");
        ready("web-1");
        reconciler.reconcile(KEY);
        assertThat(deleted).containsExactly("web-1", "web-0");
        reconciler.reconcile(KEY);
        ready("web-0");
        reconciler.reconcile(KEY);

        assertThat(set.getStatus().getCurrentRevision()).isEqualTo(second);
        assertThat(set.getStatus().getUpdatedReplicas()).isEqualTo(2);
        assertThat(set.getStatus().getCurrentReplicas()).isEqualTo(2);
        assertThat(set.getStatus().getObservedGeneration()).isEqualTo(2L);
    }

    @Test
    void belowThePartitionAPodIsMadeAgainFromTheCurrentRevisionsTemplate() {
        for (int i = 0; i < 3; i++) {
            reconciler.reconcile(KEY);
            pods.keySet().forEach(this::ready);
        }
        String first = set.getStatus().getCurrentRevision();
        set = new StatefulSetBuilder(set).editSpec().editTemplate().editSpec().editFirstContainer().withImage("nginx:2")
                .endContainer().endSpec().endTemplate().editUpdateStrategy().editRollingUpdate().withPartition(1)
                .endRollingUpdate().endUpdateStrategy().endSpec().build();
        reconciler.reconcile(KEY);
        reconciler.reconcile(KEY);
        ready("web-1");
        pods.remove("web-0");

        reconciler.reconcile(KEY);

        assertThat(revisionOf("web-0")).isEqualTo(first);
        assertThat(pods.get("web-0").getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1");
        assertThat(pods.get("web-1").getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:2");
    }

    @Test
    void scalingDownWithClaimsDeletedOnScaleGivesTheClaimToThePod() {
        set.getSpec().setPersistentVolumeClaimRetentionPolicy(
                new io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicyBuilder()
                        .withWhenScaled("Delete").withWhenDeleted("Retain").build());
        for (int i = 0; i < 3; i++) {
            reconciler.reconcile(KEY);
            pods.keySet().forEach(this::ready);
        }
        String uid = pods.get("web-1").getMetadata().getUid();
        set.getSpec().setReplicas(1);

        reconciler.reconcile(KEY);

        assertThat(deleted).containsExactly("web-1");
        assertThat(claims.get("www-web-1").getMetadata().getOwnerReferences()).singleElement()
                .satisfies(r -> assertThat(r.getKind() + "/" + r.getUid()).isEqualTo("Pod/" + uid));
        assertThat(claims.get("www-web-0").getMetadata().getOwnerReferences()).isNullOrEmpty();
    }
}
