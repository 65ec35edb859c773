package io.kubelite.objectstore.resource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every resource the API server serves, in discovery order: the built-in kinds, then the custom
 * resources of the CustomResourceDefinitions (replaced as a whole by {@link #useCustom} whenever
 * the definitions change). A built-in resource always wins over a definition naming the same path.
 */
public final class ResourceRegistry {

    private final List<ResourceType> types;
    private final Map<String, ResourceType> byPath = new LinkedHashMap<>();
    private final Map<String, ResourceType> byKind = new LinkedHashMap<>();
    private volatile Custom custom = Custom.NONE;

    /** The served custom resource versions, indexed like the built-in ones. */
    private record Custom(List<ResourceType> types, Map<String, CustomResourceVersion> byPath,
                          Map<String, ResourceType> byKind, java.util.Set<String> terminating) {
        static final Custom NONE = new Custom(List.of(), Map.of(), Map.of(), java.util.Set.of());
    }

    public ResourceRegistry() {
        this.types = List.copyOf(build());
        for (ResourceType t : types) {
            byPath.put(t.groupVersion() + "/" + t.resource(), t);
            byKind.putIfAbsent(t.apiVersion() + "/" + t.kind(), t);
        }
    }

    /** Built-in and custom resources. */
    public List<ResourceType> all() {
        Custom c = custom;
        if (c.types().isEmpty()) {
            return types;
        }
        List<ResourceType> all = new ArrayList<>(types.size() + c.types().size());
        all.addAll(types);
        all.addAll(c.types());
        return all;
    }

    /** The built-in resources only: those with a model class, a printer and an OpenAPI schema of their own. */
    public List<ResourceType> builtin() {
        return types;
    }

    /** Serves {@code versions} (every served version of every established definition) from now on. */
    public void useCustom(List<CustomResourceVersion> versions) {
        useCustom(versions, java.util.Set.of());
    }

    /**
     * As {@link #useCustom(List)}; {@code terminating} names the definitions being deleted
     * ({@code crontabs.stable.example.com}), whose objects are served but no longer created.
     */
    public void useCustom(List<CustomResourceVersion> versions, java.util.Set<String> terminating) {
        List<ResourceType> list = new ArrayList<>();
        Map<String, CustomResourceVersion> paths = new LinkedHashMap<>();
        Map<String, ResourceType> kinds = new LinkedHashMap<>();
        for (CustomResourceVersion v : versions) {
            ResourceType t = v.type();
            String path = t.groupVersion() + "/" + t.resource();
            if (byPath.containsKey(path) || paths.containsKey(path)) {
                continue;
            }
            list.add(t);
            paths.put(path, v);
            if (!byKind.containsKey(t.apiVersion() + "/" + t.kind())) {
                kinds.putIfAbsent(t.apiVersion() + "/" + t.kind(), t);
            }
        }
        custom = new Custom(List.copyOf(list), Map.copyOf(paths), Map.copyOf(kinds), java.util.Set.copyOf(terminating));
    }

    /** Whether the definition of {@code version} is being deleted. */
    public boolean terminating(CustomResourceVersion version) {
        return custom.terminating().contains(version.definition());
    }

    /** Whether any definition is being deleted (its objects still to be removed). */
    public boolean anyTerminating() {
        return !custom.terminating().isEmpty();
    }

    /** What the definition says about a custom resource version; empty for built-in kinds. */
    public Optional<CustomResourceVersion> custom(ResourceType type) {
        if (!type.isCustom()) {
            return Optional.empty();
        }
        return Optional.ofNullable(custom.byPath().get(type.groupVersion() + "/" + type.resource()));
    }

    public Optional<ResourceType> find(String group, String version, String resource) {
        String gv = group.isEmpty() ? version : group + "/" + version;
        ResourceType t = byPath.get(gv + "/" + resource);
        if (t != null) {
            return Optional.of(t);
        }
        CustomResourceVersion c = custom.byPath().get(gv + "/" + resource);
        return c == null ? Optional.empty() : Optional.of(c.type());
    }

    public Optional<ResourceType> findByKind(String apiVersion, String kind) {
        ResourceType t = byKind.get(apiVersion + "/" + kind);
        return t != null ? Optional.of(t) : Optional.ofNullable(custom.byKind().get(apiVersion + "/" + kind));
    }

    /** The storage-version type of a resource, e.g. apps/v1 deployments for extensions/v1beta1 ones. */
    public ResourceType storageType(ResourceType type) {
        return find(type.storageGroup(), type.storageVersion(), type.resource()).orElse(type);
    }

    /** Group versions in discovery order: {@code v1} first, then the groups as registered. */
    public List<String> groupVersions() {
        return groupVersions(all());
    }

    /** The group versions of the built-in resources. */
    public List<String> builtinGroupVersions() {
        return groupVersions(types);
    }

    private static List<String> groupVersions(List<ResourceType> types) {
        List<String> gvs = new ArrayList<>();
        for (ResourceType t : types) {
            if (t.servedInDiscovery() && !gvs.contains(t.groupVersion())) {
                gvs.add(t.groupVersion());
            }
        }
        return gvs;
    }

    private static List<ResourceType> build() {
        List<ResourceType> t = new ArrayList<>();
        List<String> all = List.of("all");
        List<String> none = List.of();
        var status = (java.util.function.Function<String, ResourceType.Subresource>) kind ->
                new ResourceType.Subresource("status", "", "", kind, List.of("get", "patch", "update"));
        var scale = new ResourceType.Subresource("scale", "autoscaling", "v1", "Scale", List.of("get", "patch", "update"));

        t.add(core("namespaces", "Namespace", false, List.of("ns"), none, Namespace.class,
                List.of(status.apply("Namespace"),
                        new ResourceType.Subresource("finalize", "", "", "Namespace", List.of("update")))));
        t.add(core("pods", "Pod", true, List.of("po"), all, Pod.class, List.of(
                status.apply("Pod"),
                new ResourceType.Subresource("binding", "", "v1", "Binding", List.of("create")),
                new ResourceType.Subresource("eviction", "policy", "v1", "Eviction", List.of("create")),
                new ResourceType.Subresource("log", "", "", "Pod", List.of("get")),
                new ResourceType.Subresource("ephemeralcontainers", "", "", "Pod", List.of("get", "patch", "update")))));
        t.add(core("replicationcontrollers", "ReplicationController", true, List.of("rc"), all,
                ReplicationController.class, List.of(status.apply("ReplicationController"), scale)));
        t.add(core("services", "Service", true, List.of("svc"), all, Service.class, List.of(status.apply("Service"))));
        t.add(core("endpoints", "Endpoints", true, List.of("ep"), none, Endpoints.class, List.of()));
        t.add(core("nodes", "Node", false, List.of("no"), none, Node.class, List.of(status.apply("Node"))));
        t.add(core("configmaps", "ConfigMap", true, List.of("cm"), none, ConfigMap.class, List.of()));
        t.add(core("secrets", "Secret", true, none, none, Secret.class, List.of()));
        t.add(core("serviceaccounts", "ServiceAccount", true, List.of("sa"), none, ServiceAccount.class, List.of(
                new ResourceType.Subresource("token", "authentication.k8s.io", "v1", "TokenRequest", List.of("create")))));
        t.add(core("events", "Event", true, List.of("ev"), none, Event.class, List.of()));
        t.add(core("podtemplates", "PodTemplate", true, none, none, io.fabric8.kubernetes.api.model.PodTemplate.class,
                List.of()));
        t.add(core("limitranges", "LimitRange", true, List.of("limits"), none, LimitRange.class, List.of()));
        t.add(core("resourcequotas", "ResourceQuota", true, List.of("quota"), none, ResourceQuota.class,
                List.of(status.apply("ResourceQuota"))));
        t.add(core("persistentvolumes", "PersistentVolume", false, List.of("pv"), none, PersistentVolume.class,
                List.of(status.apply("PersistentVolume"))));
        t.add(core("persistentvolumeclaims", "PersistentVolumeClaim", true, List.of("pvc"), none,
                PersistentVolumeClaim.class, List.of(status.apply("PersistentVolumeClaim"))));

        t.add(apps("deployments", "Deployment", List.of("deploy"), Deployment.class, List.of(status.apply("Deployment"), scale)));
        t.add(apps("replicasets", "ReplicaSet", List.of("rs"), ReplicaSet.class, List.of(status.apply("ReplicaSet"), scale)));
        t.add(apps("daemonsets", "DaemonSet", List.of("ds"), DaemonSet.class, List.of(status.apply("DaemonSet"))));
        t.add(apps("statefulsets", "StatefulSet", List.of("sts"), StatefulSet.class,
                List.of(status.apply("StatefulSet"), scale)));
        t.add(new ResourceType("apps", "v1", "controllerrevisions", "ControllerRevision", "controllerrevision", true, none,
                none, List.of(), ControllerRevision.class, "apps", "v1", true));

        t.add(new ResourceType("batch", "v1", "jobs", "Job", "job", true, none, all, List.of(status.apply("Job")),
                Job.class, "batch", "v1", true));
        t.add(new ResourceType("batch", "v1", "cronjobs", "CronJob", "cronjob", true, List.of("cj"), all,
                List.of(status.apply("CronJob")), CronJob.class, "batch", "v1", true));
        // autoscaling/v2 first: `kubectl get hpa` reads the preferred version.
        t.add(new ResourceType("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler",
                "horizontalpodautoscaler", true, List.of("hpa"), all, List.of(status.apply("HorizontalPodAutoscaler")),
                io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class, "autoscaling", "v2", true));
        t.add(new ResourceType("autoscaling", "v1", "horizontalpodautoscalers", "HorizontalPodAutoscaler",
                "horizontalpodautoscaler", true, List.of("hpa"), all, List.of(status.apply("HorizontalPodAutoscaler")),
                io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler.class, "autoscaling", "v2", true));
        t.add(new ResourceType("scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass", "priorityclass", false,
                List.of("pc"), none, List.of(), io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass.class,
                "scheduling.k8s.io", "v1", true));
        t.add(new ResourceType("node.k8s.io", "v1", "runtimeclasses", "RuntimeClass", "runtimeclass", false, none, none,
                List.of(), io.fabric8.kubernetes.api.model.node.v1.RuntimeClass.class, "node.k8s.io", "v1", true));
        t.add(new ResourceType("storage.k8s.io", "v1", "storageclasses", "StorageClass", "storageclass", false,
                List.of("sc"), none, List.of(), io.fabric8.kubernetes.api.model.storage.StorageClass.class, "storage.k8s.io", "v1",
                true));
        t.add(new ResourceType("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", "poddisruptionbudget", true,
                List.of("pdb"), none, List.of(status.apply("PodDisruptionBudget")),
                io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class, "policy", "v1", true));
        t.add(new ResourceType("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", "endpointslice", true, none, none,
                List.of(), io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice.class, "discovery.k8s.io", "v1", true));
        t.add(new ResourceType("networking.k8s.io", "v1", "ingresses", "Ingress", "ingress", true, List.of("ing"), none,
                List.of(status.apply("Ingress")), io.fabric8.kubernetes.api.model.networking.v1.Ingress.class,
                "networking.k8s.io", "v1", true));
        t.add(new ResourceType("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", "networkpolicy", true,
                List.of("netpol"), none, List.of(), io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class,
                "networking.k8s.io", "v1", true));
        t.add(new ResourceType("networking.k8s.io", "v1", "ingressclasses", "IngressClass", "ingressclass", false, none,
                none, List.of(), io.fabric8.kubernetes.api.model.networking.v1.IngressClass.class, "networking.k8s.io", "v1",
                true));
        t.add(new ResourceType("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition",
                "customresourcedefinition", false, List.of("crd", "crds"), List.of("api-extensions"),
                List.of(status.apply("CustomResourceDefinition")),
                io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class, "apiextensions.k8s.io", "v1",
                true));
        t.add(new ResourceType("admissionregistration.k8s.io", "v1", "validatingadmissionpolicies",
                "ValidatingAdmissionPolicy", "validatingadmissionpolicy", false, none, List.of("api-extensions"),
                List.of(status.apply("ValidatingAdmissionPolicy")),
                io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy.class,
                "admissionregistration.k8s.io", "v1", true));
        t.add(new ResourceType("admissionregistration.k8s.io", "v1", "validatingadmissionpolicybindings",
                "ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybinding", false, none, List.of("api-extensions"),
                List.of(), io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding.class,
                "admissionregistration.k8s.io", "v1", true));
        t.add(new ResourceType("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations",
                "ValidatingWebhookConfiguration", "validatingwebhookconfiguration", false, none, List.of("api-extensions"),
                List.of(), io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration.class,
                "admissionregistration.k8s.io", "v1", true));
        t.add(new ResourceType("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations",
                "MutatingWebhookConfiguration", "mutatingwebhookconfiguration", false, none, List.of("api-extensions"),
                List.of(), io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration.class,
                "admissionregistration.k8s.io", "v1", true));
        t.add(new ResourceType("certificates.k8s.io", "v1", "certificatesigningrequests", "CertificateSigningRequest",
                "certificatesigningrequest", false, List.of("csr"), none, List.of(status.apply("CertificateSigningRequest"),
                new ResourceType.Subresource("approval", "", "", "CertificateSigningRequest", List.of("get", "patch", "update"))),
                io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest.class, "certificates.k8s.io", "v1",
                true));
        t.add(new ResourceType("coordination.k8s.io", "v1", "leases", "Lease", "lease", true, none, none, List.of(),
                Lease.class, "coordination.k8s.io", "v1", true));
        // A second view of the core events, as in Kubernetes: stored as core/v1, converted field by
        // field (EventConversion), held to stricter rules when written through this group.
        t.add(new ResourceType("events.k8s.io", "v1", "events", "Event", "event", true, List.of("ev"), none, List.of(),
                io.fabric8.kubernetes.api.model.events.v1.Event.class, "", "v1", true));
        t.add(rbac("roles", "Role", true, Role.class));
        t.add(rbac("rolebindings", "RoleBinding", true, RoleBinding.class));
        t.add(rbac("clusterroles", "ClusterRole", false, ClusterRole.class));
        t.add(rbac("clusterrolebindings", "ClusterRoleBinding", false, ClusterRoleBinding.class));

        // Old manifests (extensions/v1beta1) are accepted and stored as apps/v1. The group is in
        // discovery (kubectl maps a manifest's kind through it) but without short names or the
        // "all" category, so `get deploy` and `get all` keep reading apps/v1.
        t.add(new ResourceType("extensions", "v1beta1", "deployments", "Deployment", "deployment", true,
                none, none, List.of(status.apply("Deployment"), scale), Deployment.class, "apps", "v1", true));
        t.add(new ResourceType("extensions", "v1beta1", "replicasets", "ReplicaSet", "replicaset", true,
                none, none, List.of(status.apply("ReplicaSet"), scale), ReplicaSet.class, "apps", "v1", true));
        return t;
    }

    private static ResourceType core(String resource, String kind, boolean namespaced, List<String> shortNames,
                                     List<String> categories, Class<? extends HasMetadata> model,
                                     List<ResourceType.Subresource> subresources) {
        return new ResourceType("", "v1", resource, kind, kind.toLowerCase(), namespaced, shortNames, categories,
                subresources, model, "", "v1", true);
    }

    private static ResourceType apps(String resource, String kind, List<String> shortNames,
                                     Class<? extends HasMetadata> model, List<ResourceType.Subresource> subresources) {
        return new ResourceType("apps", "v1", resource, kind, kind.toLowerCase(), true, shortNames, List.of("all"),
                subresources, model, "apps", "v1", true);
    }

    private static ResourceType rbac(String resource, String kind, boolean namespaced, Class<? extends HasMetadata> model) {
        return new ResourceType("rbac.authorization.k8s.io", "v1", resource, kind, kind.toLowerCase(), namespaced,
                List.of(), List.of(), List.of(), model, "rbac.authorization.k8s.io", "v1", true);
    }
}
