package io.kubelite.replication.deployment;

import java.time.Instant;

/**
 * One ReplicaSet of a Deployment as the rollout math sees it.
 *
 * @param specReplicas      what it is asked to run
 * @param statusReplicas    active pods it has
 * @param readyReplicas     pods Ready
 * @param availableReplicas pods available (Ready for minReadySeconds)
 */
public record ReplicaSetState(String name, int specReplicas, int statusReplicas, int readyReplicas,
        int availableReplicas, Instant created) {

    public ReplicaSetState withSpecReplicas(int replicas) {
        return new ReplicaSetState(name, replicas, statusReplicas, readyReplicas, availableReplicas, created);
    }
}
