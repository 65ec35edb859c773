package io.kubelite.replication;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the replication controllers; defaults are kube-controller-manager's.
 *
 * @param workers       concurrent syncs per controller ({@code --concurrent-replicaset-syncs}, 5)
 * @param burstReplicas the most pods one sync creates or deletes (Kubernetes' BurstReplicas, 500)
 * @param resyncPeriod  how often every cached object is re-checked
 * @param leaseName     the coordination.k8s.io Lease in kube-system the replicas elect a leader on
 * @param quotaRecount  how often a ResourceQuota limiting services, ConfigMaps, Secrets or
 *                      PersistentVolumeClaims has them counted again (this service does not cache
 *                      those kinds, so their creates and deletes reach its status only this way)
 * @param terminatedPodGcThreshold finished pods (Succeeded, Failed) kept before the oldest are
 *                      deleted ({@code --terminated-pod-gc-threshold}); 0 = keep all
 * @param podGcPeriod   how often the pod garbage collector looks (kube-controller-manager: 20 s)
 * @param podGcOrphanQuarantine how long a pod's node must be missing before the pod counts as
 *                      orphaned and is deleted (kube-controller-manager: 40 s)
 * @param gcForeignOwnerRecheck how often the garbage collector reads again the owner of a kind it
 *                      does not watch (a custom resource) of an object it does: how late such an
 *                      object goes after its owner
 * @param volumeDir     where the hostPath provisioner makes its volumes' directories (a path on
 *                      the nodes' machine); empty: {@code <kubelite.state>/volumes} when the
 *                      service runs under {@code ./kubelite}, else /var/lib/kubelite/volumes
 */
@ConfigurationProperties("kubelite.replication")
public record ReplicationProperties(
        @DefaultValue("5") int workers,
        @DefaultValue("500") int burstReplicas,
        @DefaultValue("60s") Duration resyncPeriod,
        @DefaultValue("kube-controller-manager") String leaseName,
        @DefaultValue("10s") Duration quotaRecount,
        @DefaultValue("12500") int terminatedPodGcThreshold,
        @DefaultValue("20s") Duration podGcPeriod,
        @DefaultValue("40s") Duration podGcOrphanQuarantine,
        @DefaultValue("") String volumeDir,
        @DefaultValue("15s") Duration gcForeignOwnerRecheck) {

    public java.nio.file.Path volumeDirectory() {
        if (volumeDir != null && !volumeDir.isBlank()) {
            return java.nio.file.Path.of(volumeDir);
        }
        return java.nio.file.Path.of(System.getProperty("kubelite.state", "/var/lib/kubelite"), "volumes");
    }
}
