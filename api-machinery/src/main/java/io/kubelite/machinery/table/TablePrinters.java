package io.kubelite.machinery.table;

import java.util.Map;

/** Finds the printer kube-apiserver uses for a resource. */
public final class TablePrinters {

    private static final TablePrinter DEFAULT = BasicPrinters.nameAndAge();

    /** Keyed by {@code resource.group}, as in {@code deployments.apps}; the core group is empty. */
    private static final Map<String, TablePrinter> PRINTERS = Map.ofEntries(
            Map.entry("pods", new PodPrinter()),
            Map.entry("replicationcontrollers", WorkloadPrinters.replicationControllers()),
            Map.entry("replicasets.apps", WorkloadPrinters.replicaSets()),
            Map.entry("deployments.apps", WorkloadPrinters.deployments()),
            Map.entry("daemonsets.apps", WorkloadPrinters.daemonSets()),
            Map.entry("controllerrevisions.apps", BasicPrinters.controllerRevisions()),
            Map.entry("statefulsets.apps", WorkloadPrinters.statefulSets()),
            Map.entry("jobs.batch", WorkloadPrinters.jobs()),
            Map.entry("cronjobs.batch", WorkloadPrinters.cronJobs()),
            Map.entry("poddisruptionbudgets.policy", WorkloadPrinters.disruptionBudgets()),
            Map.entry("services", ServicePrinters.services()),
            Map.entry("endpoints", ServicePrinters.endpoints()),
            Map.entry("ingresses.networking.k8s.io", ServicePrinters.ingresses()),
            Map.entry("endpointslices.discovery.k8s.io", ServicePrinters.endpointSlices()),
            Map.entry("ingressclasses.networking.k8s.io", ServicePrinters.ingressClasses()),
            Map.entry("networkpolicies.networking.k8s.io", ServicePrinters.networkPolicies()),
            Map.entry("nodes", new NodePrinter()),
            Map.entry("namespaces", BasicPrinters.namespaces()),
            Map.entry("componentstatuses", BasicPrinters.componentStatuses()),
            Map.entry("apiservices.apiregistration.k8s.io", BasicPrinters.apiServices()),
            Map.entry("podtemplates", WorkloadPrinters.podTemplates()),
            Map.entry("certificatesigningrequests.certificates.k8s.io", BasicPrinters.certificateSigningRequests()),
            Map.entry("configmaps", BasicPrinters.configMaps()),
            Map.entry("secrets", BasicPrinters.secrets()),
            Map.entry("serviceaccounts", BasicPrinters.serviceAccounts()),
            Map.entry("events", new EventPrinter()),
            Map.entry("horizontalpodautoscalers.autoscaling", new AutoscalerPrinter()),
            Map.entry("limitranges", BasicPrinters.createdAt()),
            Map.entry("resourcequotas", new QuotaPrinter()),
            Map.entry("leases.coordination.k8s.io", BasicPrinters.leases()),
            Map.entry("persistentvolumes", StoragePrinters.persistentVolumes()),
            Map.entry("persistentvolumeclaims", StoragePrinters.persistentVolumeClaims()),
            Map.entry("storageclasses.storage.k8s.io", StoragePrinters.storageClasses()),
            Map.entry("priorityclasses.scheduling.k8s.io", BasicPrinters.priorityClasses()),
            Map.entry("runtimeclasses.node.k8s.io", BasicPrinters.runtimeClasses()),
            Map.entry("customresourcedefinitions.apiextensions.k8s.io", BasicPrinters.createdAt()),
            Map.entry("roles.rbac.authorization.k8s.io", BasicPrinters.createdAt()),
            Map.entry("clusterroles.rbac.authorization.k8s.io", BasicPrinters.createdAt()),
            Map.entry("rolebindings.rbac.authorization.k8s.io", RbacPrinters.bindings()),
            Map.entry("clusterrolebindings.rbac.authorization.k8s.io", RbacPrinters.bindings()),
            Map.entry("validatingadmissionpolicies.admissionregistration.k8s.io", AdmissionPolicyPrinters.policies()),
            Map.entry("validatingadmissionpolicybindings.admissionregistration.k8s.io", AdmissionPolicyPrinters.bindings()),
            Map.entry("validatingwebhookconfigurations.admissionregistration.k8s.io", WebhookPrinters.configurations()),
            Map.entry("mutatingwebhookconfigurations.admissionregistration.k8s.io", WebhookPrinters.configurations()));

    private TablePrinters() {
    }

    /**
     * The printer for {@code resource} (plural, lower case) in API {@code group} ({@code ""} or
     * null for core); NAME AGE for resources without a printer of their own.
     */
    public static TablePrinter forResource(String group, String resource) {
        String key = group == null || group.isEmpty() ? resource : resource + "." + group;
        return PRINTERS.getOrDefault(key, DEFAULT);
    }
}
