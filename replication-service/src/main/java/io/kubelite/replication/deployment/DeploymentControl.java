package io.kubelite.replication.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

import java.util.Optional;

/** The writes the Deployment controller makes. Implementations throw on failure. */
public interface DeploymentControl {

    /** Creates the ReplicaSet; if one of that name exists already, returns it instead. */
    CreateResult createReplicaSet(ReplicaSet rs);

    /** Sets spec.replicas; returns the ReplicaSet as written. */
    ReplicaSet scaleReplicaSet(ReplicaSet rs, int replicas);

    /** Sets the revision annotation; returns the ReplicaSet as written. */
    ReplicaSet setRevision(ReplicaSet rs, long revision);

    void deleteReplicaSet(ReplicaSet rs);

    /** Makes {@code owner} the controller of an orphan ReplicaSet; returns it as written. */
    ReplicaSet adoptReplicaSet(ReplicaSet rs, io.fabric8.kubernetes.api.model.OwnerReference owner);

    /** Sets the Deployment's own revision annotation. */
    void setDeploymentRevision(Deployment deployment, long revision);

    void writeStatus(Deployment deployment, DeploymentStatus status);

    /** @param existing the ReplicaSet already there under that name, when the create found one */
    record CreateResult(ReplicaSet created, Optional<ReplicaSet> existing) {
    }
}
