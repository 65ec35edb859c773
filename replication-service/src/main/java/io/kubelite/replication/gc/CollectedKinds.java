package io.kubelite.replication.gc;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.informer.InformerFactory;
import io.kubelite.controller.informer.MetadataKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Every built-in kind the garbage collector watches: as kube-controller-manager's collector,
 * every resource that can be listed, watched and deleted, except Events. Kinds another controller
 * of this service already reads share its typed informer; the rest are cached as metadata only.
 * Custom kinds join and leave with their definitions ({@link CustomKinds}).
 */
public final class CollectedKinds {

    /** Built-in kinds no other controller of the service reads, cached as metadata only. */
    static final List<MetadataKind> METADATA_ONLY = List.of(
            new MetadataKind("v1", "Secret", "secrets", true),
            new MetadataKind("v1", "Service", "services", true),
            new MetadataKind("v1", "Endpoints", "endpoints", true),
            new MetadataKind("v1", "LimitRange", "limitranges", true),
            new MetadataKind("discovery.k8s.io/v1", "EndpointSlice", "endpointslices", true),
            new MetadataKind("autoscaling/v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true),
            new MetadataKind("networking.k8s.io/v1", "Ingress", "ingresses", true),
            new MetadataKind("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", true),
            new MetadataKind("networking.k8s.io/v1", "IngressClass", "ingressclasses", false),
            new MetadataKind("rbac.authorization.k8s.io/v1", "Role", "roles", true),
            new MetadataKind("rbac.authorization.k8s.io/v1", "RoleBinding", "rolebindings", true),
            new MetadataKind("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "clusterrolebindings", false),
            new MetadataKind("coordination.k8s.io/v1", "Lease", "leases", true),
            new MetadataKind("scheduling.k8s.io/v1", "PriorityClass", "priorityclasses", false),
            new MetadataKind("node.k8s.io/v1", "RuntimeClass", "runtimeclasses", false));

    private CollectedKinds() {
    }

    public static List<GcKind<?>> of(InformerFactory informers, Informer<Pod> pods) {
        List<GcKind<?>> kinds = new ArrayList<>(List.of(
                GcKind.typed(Pod.class, pods),
                GcKind.typed(ReplicationController.class, informers.informerFor(ReplicationController.class)),
                GcKind.typed(ReplicaSet.class, informers.informerFor(ReplicaSet.class)),
                GcKind.typed(Deployment.class, informers.informerFor(Deployment.class)),
                GcKind.typed(DaemonSet.class, informers.informerFor(DaemonSet.class)),
                GcKind.typed(StatefulSet.class, informers.informerFor(StatefulSet.class)),
                GcKind.typed(ControllerRevision.class, informers.informerFor(ControllerRevision.class)),
                GcKind.typed(Job.class, informers.informerFor(Job.class)),
                GcKind.typed(CronJob.class, informers.informerFor(CronJob.class)),
                GcKind.typed(ConfigMap.class, informers.informerFor(ConfigMap.class)),
                GcKind.typed(ServiceAccount.class, informers.informerFor(ServiceAccount.class)),
                GcKind.typed(PersistentVolumeClaim.class, informers.informerFor(PersistentVolumeClaim.class)),
                GcKind.typed(PersistentVolume.class, informers.informerFor(PersistentVolume.class)),
                GcKind.typed(ResourceQuota.class, informers.informerFor(ResourceQuota.class)),
                GcKind.typed(PodDisruptionBudget.class, informers.informerFor(PodDisruptionBudget.class)),
                GcKind.typed(Namespace.class, informers.informerFor(Namespace.class)),
                GcKind.typed(Node.class, informers.informerFor(Node.class)),
                GcKind.typed(ClusterRole.class, informers.informerFor(ClusterRole.class)),
                GcKind.typed(StorageClass.class, informers.informerFor(StorageClass.class)),
                GcKind.typed(CustomResourceDefinition.class, informers.informerFor(CustomResourceDefinition.class))));
        for (MetadataKind kind : METADATA_ONLY) {
            kinds.add(GcKind.metadata(kind, informers.metadataInformerFor(kind)));
        }
        return kinds;
    }
}
