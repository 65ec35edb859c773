package io.kubelite.replication.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.RecordingEventRecorder;
import io.kubelite.controller.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DeploymentReconcilerTest {

    static final ObjectKey KEY = ObjectKey.of("default", "frontend");

    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:00Z"));
    final Map<String, ReplicaSet> replicaSets = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    final RecordingEventRecorder events = new RecordingEventRecorder();
    Deployment deployment;
    int rv = 100;

    final DeploymentControl control = new DeploymentControl() {
        @Override
        public CreateResult createReplicaSet(ReplicaSet rs) {
            ReplicaSet created = new ReplicaSetBuilder(rs).editMetadata().withUid("uid-" + rs.getMetadata().getName())
                    .withResourceVersion(Integer.toString(++rv)).withCreationTimestamp(clock.instant().toString())
                    .endMetadata().build();
            replicaSets.put(rs.getMetadata().getName(), created);
            calls.add("create " + rs.getMetadata().getName() + " replicas=" + rs.getSpec().getReplicas()
                    + " revision=" + Revisions.of(rs));
            return new CreateResult(created, Optional.empty());
        }

        @Override
        public ReplicaSet scaleReplicaSet(ReplicaSet rs, int replicas) {
            ReplicaSet scaled = new ReplicaSetBuilder(replicaSets.get(rs.getMetadata().getName())).editSpec()
                    .withReplicas(replicas).endSpec().editMetadata().withResourceVersion(Integer.toString(++rv)).endMetadata()
                    .build();
            replicaSets.put(rs.getMetadata().getName(), scaled);
            calls.add("scale " + rs.getMetadata().getName() + " " + replicas);
            return scaled;
        }

        @Override
        public ReplicaSet setRevision(ReplicaSet rs, long revision) {
            ReplicaSet updated = new ReplicaSetBuilder(replicaSets.get(rs.getMetadata().getName())).editMetadata()
                    .addToAnnotations(Revisions.ANNOTATION, Long.toString(revision)).endMetadata().build();
            replicaSets.put(rs.getMetadata().getName(), updated);
            calls.add("revision " + rs.getMetadata().getName() + " " + revision);
            return updated;
        }

        @Override
        public void deleteReplicaSet(ReplicaSet rs) {
            replicaSets.remove(rs.getMetadata().getName());
            calls.add("delete " + rs.getMetadata().getName());
        }

        @Override
        public ReplicaSet adoptReplicaSet(ReplicaSet rs, io.fabric8.kubernetes.api.model.OwnerReference owner) {
            ReplicaSet adopted = new ReplicaSetBuilder(rs).editMetadata().withOwnerReferences(owner).endMetadata().build();
            replicaSets.put(rs.getMetadata().getName(), adopted);
            calls.add("adopt " + rs.getMetadata().getName());
            return adopted;
        }

        @Override
        public void setDeploymentRevision(Deployment d, long revision) {
            deployment = new DeploymentBuilder(deployment).editMetadata()
                    .addToAnnotations(Revisions.ANNOTATION, Long.toString(revision)).endMetadata().build();
        }

        @Override
        public void writeStatus(Deployment d, DeploymentStatus status) {
            deployment = new DeploymentBuilder(deployment).withStatus(status).build();
        }
    };

    final DeploymentReconciler reconciler = new DeploymentReconciler(k -> Optional.ofNullable(deployment),
            ns -> new ArrayList<>(replicaSets.values()), control, events, clock);

    void deploy(int replicas, String image) {
        DeploymentBuilder b = deployment == null ? new DeploymentBuilder().withNewMetadata().withName("frontend")
                .withNamespace("default").withUid("d-uid").withGeneration(1L).endMetadata()
                : new DeploymentBuilder(deployment).editMetadata().withGeneration(deployment.getMetadata().getGeneration() + 1)
                .endMetadata();
        deployment = b.editOrNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("tier", "frontend")
                .endSelector().withNewTemplate().withNewMetadata().addToLabels("tier", "frontend").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage(image).endContainer().endSpec().endTemplate()
                .endSpec().build();
    }

    /** What the ReplicaSet controller and kubelets would do: every pod asked for is there and available. */
    void podsBecomeAvailable() {
        replicaSets.replaceAll((name, rs) -> new ReplicaSetBuilder(rs).withNewStatus()
                .withReplicas(rs.getSpec().getReplicas()).withReadyReplicas(rs.getSpec().getReplicas())
                .withAvailableReplicas(rs.getSpec().getReplicas()).endStatus().build());
    }

    void rollOutCompletely() {
        for (int i = 0; i < 20; i++) {
            reconciler.reconcile(KEY);
            podsBecomeAvailable();
            clock.advance(Duration.ofSeconds(1));
        }
    }

    ReplicaSet byRevision(long revision) {
        return replicaSets.values().stream().filter(rs -> Revisions.of(rs) == revision).findFirst().orElseThrow();
    }

    @Test
    void createsOneReplicaSetPerTemplateWithTheHashInLabelsSelectorAndTemplate() {
        deploy(3, "tomcat:8");
        reconciler.reconcile(KEY);

        ReplicaSet rs = replicaSets.values().iterator().next();
        String hash = rs.getMetadata().getLabels().get(Templates.HASH_LABEL);
        assertThat(rs.getMetadata().getName()).isEqualTo("frontend-" + hash);
        assertThat(rs.getSpec().getSelector().getMatchLabels()).containsEntry(Templates.HASH_LABEL, hash);
        assertThat(rs.getSpec().getTemplate().getMetadata().getLabels()).containsEntry(Templates.HASH_LABEL, hash)
                .containsEntry("tier", "frontend");
        assertThat(rs.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo("d-uid");
        assertThat(Revisions.of(rs)).isEqualTo(1);
        assertThat(calls).containsExactly("create " + rs.getMetadata().getName() + " replicas=3 revision=1");
        assertThat(Revisions.of(deployment)).isEqualTo(1);
    }

    @Test
    void aNewImageRollsOutWithinMaxSurgeAndMaxUnavailableAndCompletes() {
        deploy(4, "tomcat:8");
        rollOutCompletely();
        deploy(4, "tomcat:9");
        calls.clear();
        for (int i = 0; i < 20; i++) {
            reconciler.reconcile(KEY);
            int total = replicaSets.values().stream().mapToInt(rs -> rs.getSpec().getReplicas()).sum();
            int available = replicaSets.values().stream().mapToInt(rs -> Math.min(rs.getSpec().getReplicas(),
                    rs.getStatus() == null ? 0 : rs.getStatus().getAvailableReplicas())).sum();
            assertThat(total).as("at most replicas + maxSurge (4 + 1) pods").isLessThanOrEqualTo(5);
            assertThat(available).as("at least replicas - maxUnavailable (4 - 1) available").isGreaterThanOrEqualTo(3);
            podsBecomeAvailable();
        }
        assertThat(byRevision(2).getSpec().getReplicas()).isEqualTo(4);
        assertThat(byRevision(1).getSpec().getReplicas()).isZero();
        assertThat(deployment.getStatus().getUpdatedReplicas()).isEqualTo(4);
        assertThat(deployment.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Progressing");
            assertThat(c.getReason()).isEqualTo("NewReplicaSetAvailable");
        });
        assertThat(calls.get(0)).startsWith("create ").endsWith("replicas=1 revision=2");
        assertThat(events.events()).extracting(RecordingEventRecorder.Recorded::message)
                .contains("Scaled up replica set " + byRevision(2).getMetadata().getName() + " from 0 to 1")
                .contains("Scaled down replica set " + byRevision(1).getMetadata().getName() + " from 4 to 3");
    }

    @Test
    void rollingBackToAnOldTemplateReusesItsReplicaSetWithTheNextRevision() {
        deploy(2, "tomcat:8");
        rollOutCompletely();
        String first = byRevision(1).getMetadata().getName();
        deploy(2, "tomcat:9");
        rollOutCompletely();
        deploy(2, "tomcat:8");
        rollOutCompletely();

        assertThat(replicaSets).hasSize(2);
        assertThat(byRevision(3).getMetadata().getName()).isEqualTo(first);
        assertThat(byRevision(3).getSpec().getReplicas()).isEqualTo(2);
        assertThat(Revisions.of(deployment)).isEqualTo(3);
    }

    @Test
    void aPausedDeploymentRollsOutNothingUntilResumed() {
        deploy(2, "tomcat:8");
        rollOutCompletely();
        deploy(2, "tomcat:9");
        deployment = new DeploymentBuilder(deployment).editSpec().withPaused(true).endSpec().build();
        rollOutCompletely();
        assertThat(replicaSets).hasSize(1);

        deployment = new DeploymentBuilder(deployment).editSpec().withPaused(false).endSpec().build();
        rollOutCompletely();
        assertThat(replicaSets).hasSize(2);
        assertThat(byRevision(2).getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void adoptsTheOrphanedReplicaSetOfItsTemplateInsteadOfCreatingAnother() {
        deploy(2, "tomcat:8");
        rollOutCompletely();
        String name = replicaSets.keySet().iterator().next();
        // kubectl delete deployment --cascade=orphan, then the same Deployment again (new uid)
        replicaSets.put(name, new ReplicaSetBuilder(replicaSets.get(name)).editMetadata().withOwnerReferences(List.of())
                .endMetadata().build());
        deployment = new DeploymentBuilder(deployment).editMetadata().withUid("d-uid-2").endMetadata().build();
        calls.clear();

        rollOutCompletely();

        assertThat(calls).containsExactly("adopt " + name);
        assertThat(replicaSets).hasSize(1);
        assertThat(replicaSets.get(name).getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo("d-uid-2");
    }

    @Test
    void keepsOnlyRevisionHistoryLimitEmptyOldReplicaSets() {
        deploy(1, "tomcat:1");
        deployment = new DeploymentBuilder(deployment).editSpec().withRevisionHistoryLimit(1).endSpec().build();
        rollOutCompletely();
        for (String image : List.of("tomcat:2", "tomcat:3", "tomcat:4")) {
            deploy(1, image);
            rollOutCompletely();
        }
        assertThat(replicaSets.values()).extracting(Revisions::of).containsExactlyInAnyOrder(3L, 4L);
    }

    @Test
    void recreateRemovesEveryOldPodBeforeStartingNewOnes() {
        deploy(3, "tomcat:8");
        deployment = new DeploymentBuilder(deployment).editSpec().withNewStrategy().withType("Recreate").endStrategy()
                .endSpec().build();
        rollOutCompletely();
        deploy(3, "tomcat:9");
        calls.clear();
        rollOutCompletely();
        assertThat(calls.get(0)).endsWith("replicas=0 revision=2");
        assertThat(calls.get(1)).isEqualTo("scale " + byRevision(1).getMetadata().getName() + " 0");
        assertThat(calls.get(2)).isEqualTo("scale " + byRevision(2).getMetadata().getName() + " 3");
    }
}
