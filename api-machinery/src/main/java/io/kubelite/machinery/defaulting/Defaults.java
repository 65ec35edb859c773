package io.kubelite.machinery.defaulting;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplate;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceConversionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionNames;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Locale;

/**
 * Applies Kubernetes' defaults to an object in place, as the API server does before validation
 * and storage. Only unset fields are filled, so applying twice changes nothing; controllers that
 * compare templates (the Deployment controller) rely on that.
 */
public final class Defaults {

    private Defaults() {
    }

    /**
     * The defaults alone, as decoding leaves an object in kube-apiserver before its admission
     * plugins run: a pod gets neither the not-ready/unreachable tolerations
     * (DefaultTolerationSeconds) nor its priority and preemption policy (Priority). What a create's
     * manager owns.
     */
    public static void applyWithoutAdmissionPlugins(HasMetadata object) {
        if (object instanceof Pod pod) {
            PodDefaults.apply(pod, false);
        } else {
            apply(object);
        }
    }

    public static void apply(HasMetadata object) {
        if (object instanceof Pod pod) {
            PodDefaults.apply(pod);
        } else if (object instanceof PodTemplate template) {
            PodSpecDefaults.template(template.getTemplate());
        } else if (object instanceof ReplicationController rc) {
            WorkloadDefaults.replicationController(rc);
        } else if (object instanceof ReplicaSet rs) {
            WorkloadDefaults.replicaSet(rs);
        } else if (object instanceof Deployment deployment) {
            WorkloadDefaults.deployment(deployment);
        } else if (object instanceof DaemonSet daemonSet) {
            WorkloadDefaults.daemonSet(daemonSet);
        } else if (object instanceof StatefulSet statefulSet) {
            WorkloadDefaults.statefulSet(statefulSet);
        } else if (object instanceof Job job) {
            WorkloadDefaults.job(job);
        } else if (object instanceof CronJob cronJob) {
            WorkloadDefaults.cronJob(cronJob);
        } else if (object instanceof Service service) {
            ServiceDefaults.service(service);
        } else if (object instanceof Endpoints endpoints) {
            ServiceDefaults.endpoints(endpoints);
        } else if (object instanceof io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy policy) {
            ServiceDefaults.networkPolicy(policy);
        } else if (object instanceof io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler hpa) {
            AutoscalerDefaults.v1(hpa);
        } else if (object instanceof io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler hpa) {
            AutoscalerDefaults.v2(hpa);
        } else if (object instanceof Namespace ns) {
            NamespaceDefaults.namespace(ns);
        } else if (object instanceof LimitRange limitRange) {
            NamespaceDefaults.limitRange(limitRange);
        } else if (object instanceof Node node) {
            NamespaceDefaults.node(node);
        } else if (object instanceof PersistentVolume pv) {
            StorageDefaults.volume(pv);
        } else if (object instanceof PersistentVolumeClaim pvc) {
            StorageDefaults.claim(pvc);
        } else if (object instanceof io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass priorityClass) {
            if (priorityClass.getPreemptionPolicy() == null || priorityClass.getPreemptionPolicy().isEmpty()) {
                priorityClass.setPreemptionPolicy("PreemptLowerPriority");
            }
        } else if (object instanceof io.fabric8.kubernetes.api.model.storage.StorageClass storageClass) {
            StorageDefaults.storageClass(storageClass);
        } else if (object instanceof Secret secret) {
            SecretDefaults.secret(secret);
        } else if (object instanceof CustomResourceDefinition crd) {
            customResourceDefinition(crd);
        } else if (object instanceof ValidatingAdmissionPolicy policy) {
            AdmissionPolicyDefaults.policy(policy);
        } else if (object instanceof ValidatingAdmissionPolicyBinding binding) {
            AdmissionPolicyDefaults.binding(binding);
        } else if (object instanceof ValidatingWebhookConfiguration configuration) {
            WebhookDefaults.validating(configuration);
        } else if (object instanceof MutatingWebhookConfiguration configuration) {
            WebhookDefaults.mutating(configuration);
        }
    }

    /**
     * A CRD's singular name defaults to its kind in lower case, its list kind to the kind plus
     * {@code List}, its conversion to {@code None} and a conversion webhook service's port to 443:
     * {@code kind: Widget} gives {@code singular: widget}, {@code listKind: WidgetList}.
     */
    private static void customResourceDefinition(CustomResourceDefinition crd) {
        CustomResourceDefinitionSpec spec = crd.getSpec();
        if (spec == null) {
            return;
        }
        CustomResourceDefinitionNames names = spec.getNames();
        if (names != null && names.getKind() != null) {
            if (names.getSingular() == null || names.getSingular().isEmpty()) {
                names.setSingular(names.getKind().toLowerCase(Locale.ROOT));
            }
            if ((names.getListKind() == null || names.getListKind().isEmpty()) && !names.getKind().isEmpty()) {
                names.setListKind(names.getKind() + "List");
            }
        }
        if (spec.getConversion() == null) {
            spec.setConversion(new CustomResourceConversionBuilder().withStrategy("None").build());
        }
        var webhook = spec.getConversion().getWebhook();
        if (webhook != null && webhook.getClientConfig() != null && webhook.getClientConfig().getService() != null
                && webhook.getClientConfig().getService().getPort() == null) {
            webhook.getClientConfig().getService().setPort(443);
        }
    }
}
