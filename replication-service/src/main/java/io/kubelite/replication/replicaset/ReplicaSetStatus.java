package io.kubelite.replication.replicaset;

/** The status fields both ReplicaSets and ReplicationControllers report. */
public record ReplicaSetStatus(int replicas, int fullyLabeledReplicas, int readyReplicas, int availableReplicas,
        long observedGeneration) {
}
