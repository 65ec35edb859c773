package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates an object on create the way the Kubernetes API server does: the common ObjectMeta
 * rules, then the rules of its kind. The object may be validated before or after defaulting;
 * fields that defaulting fills in are judged by their effective (defaulted) value.
 */
public final class ObjectValidator {

    private static final FieldPath SPEC = FieldPath.of("spec");

    public List<FieldError> validate(HasMetadata object, boolean namespaced) {
        List<FieldError> errs = new ArrayList<>(MetaValidator.validate(object.getMetadata(), namespaced, nameRule(object)));
        errs.addAll(kindRules(object));
        return errs;
    }

    /** Validates a new object: {@link #validate}, and what only a create checks (a Job's generated selector, a CronJob's name length). */
    public List<FieldError> validateCreate(HasMetadata object, boolean namespaced) {
        if (object instanceof Pod pod && pod.getSpec() != null && !Checks.isEmpty(pod.getSpec().getEphemeralContainers())) {
            // added later through pods/ephemeralcontainers only, as kube-apiserver has it
            List<FieldError> errs = new ArrayList<>(validate(object, namespaced));
            errs.add(FieldError.forbidden(FieldPath.of("spec", "ephemeralContainers"), "cannot be set on create"));
            return errs;
        }
        if (object instanceof CronJob cronJob) {
            List<FieldError> errs = new ArrayList<>(MetaValidator.validate(object.getMetadata(), namespaced, nameRule(object)));
            errs.addAll(kindRules(object));
            errs.addAll(CronJobValidator.validateCreate(cronJob));
            return errs;
        }
        if (!(object instanceof Job job)) {
            return validate(object, namespaced);
        }
        // in kube-apiserver's order: metadata, the generated selector, the spec
        List<FieldError> errs = new ArrayList<>(MetaValidator.validate(object.getMetadata(), namespaced, nameRule(object)));
        errs.addAll(JobValidator.validateCreate(job));
        errs.addAll(kindRules(object));
        return errs;
    }

    /**
     * Validates an object written through its status subresource, whose spec is the stored one
     * and was validated when it was written: a pod's kind rules judge only its spec, so a pod is
     * held to the ObjectMeta rules alone (Kubernetes' pod status update validation does not look at
     * the spec either); every other kind, whose rules may judge its status, is validated in full.
     */
    public List<FieldError> validateStatusWrite(HasMetadata object, boolean namespaced) {
        if (object instanceof Pod) {
            return MetaValidator.validate(object.getMetadata(), namespaced, nameRule(object));
        }
        return validate(object, namespaced);
    }

    /**
     * What an Event created through {@code events.k8s.io/v1} is held to besides
     * {@link #validateCreate} ({@link StrictEventValidator}): core/v1 creates are not.
     */
    public List<FieldError> validateEventsApiCreate(Event event) {
        return StrictEventValidator.validateCreate(event);
    }

    /** What an update through {@code events.k8s.io/v1} is held to besides {@link #validate}: {@code old} is the stored event. */
    public List<FieldError> validateEventsApiUpdate(Event event, Event old) {
        return StrictEventValidator.validateUpdate(event, old);
    }

    /**
     * The rule for {@code metadata.name}: a DNS-1123 label for namespaces, a DNS-1035 label for
     * services, a path segment for RBAC roles and bindings, else a subdomain (for a
     * CustomResourceDefinition too: its {@code <plural>.<group>} form is checked with its spec).
     */
    public static NameRule nameRule(HasMetadata object) {
        if (object instanceof io.fabric8.kubernetes.api.model.rbac.Role
                || object instanceof io.fabric8.kubernetes.api.model.rbac.ClusterRole
                || object instanceof io.fabric8.kubernetes.api.model.rbac.RoleBinding
                || object instanceof io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding
                // "We don't care what you call your certificate requests" (kube's CSR validation)
                || object instanceof io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest) {
            return NameRule.PATH_SEGMENT;
        }
        if (object instanceof Namespace) {
            return NameRule.DNS1123_LABEL;
        }
        if (object instanceof Service) {
            return NameRule.DNS1035_LABEL;
        }
        return NameRule.DNS1123_SUBDOMAIN;
    }

    private static List<FieldError> kindRules(HasMetadata object) {
        if (object instanceof Pod pod) {
            return PodSpecValidator.validate(pod.getSpec(), SPEC);
        }
        if (object instanceof ReplicationController rc) {
            return ReplicaSetValidator.replicationController(rc);
        }
        if (object instanceof io.fabric8.kubernetes.api.model.PodTemplate podTemplate) {
            return PodSpecValidator.template(WorkloadRules.orEmpty(podTemplate.getTemplate()), FieldPath.of("template"));
        }
        if (object instanceof ReplicaSet rs) {
            return ReplicaSetValidator.replicaSet(rs);
        }
        if (object instanceof Deployment deployment) {
            return DeploymentValidator.validate(deployment);
        }
        if (object instanceof DaemonSet daemonSet) {
            return DaemonSetValidator.validate(daemonSet);
        }
        if (object instanceof StatefulSet statefulSet) {
            return StatefulSetValidator.validate(statefulSet);
        }
        if (object instanceof Job job) {
            return JobValidator.validate(job);
        }
        if (object instanceof CronJob cronJob) {
            return CronJobValidator.validate(cronJob);
        }
        if (object instanceof io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass priorityClass) {
            return PriorityClassValidator.validate(priorityClass);
        }
        if (object instanceof io.fabric8.kubernetes.api.model.node.v1.RuntimeClass runtimeClass) {
            return RuntimeClassValidator.validate(runtimeClass);
        }
        if (object instanceof io.fabric8.kubernetes.api.model.storage.StorageClass storageClass) {
            return StorageClassValidator.validate(storageClass);
        }
        if (object instanceof io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget pdb) {
            return DisruptionBudgetValidator.validate(pdb);
        }
        if (object instanceof io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice slice) {
            return EndpointSliceValidator.validate(slice);
        }
        if (object instanceof io.fabric8.kubernetes.api.model.networking.v1.Ingress ingress) {
            return IngressValidator.ingress(ingress);
        }
        if (object instanceof io.fabric8.kubernetes.api.model.networking.v1.IngressClass ingressClass) {
            return IngressValidator.ingressClass(ingressClass);
        }
        if (object instanceof io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy networkPolicy) {
            return NetworkPolicyValidator.validate(networkPolicy);
        }
        if (object instanceof Service service) {
            return ServiceValidator.validate(service);
        }
        if (object instanceof ConfigMap configMap) {
            return ConfigMapValidator.validate(configMap);
        }
        if (object instanceof Secret secret) {
            return SecretValidator.validate(secret);
        }
        if (object instanceof io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler hpa) {
            return AutoscalerValidator.v1(hpa);
        }
        if (object instanceof io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler hpa) {
            return AutoscalerValidator.v2(hpa);
        }
        if (object instanceof Node node) {
            return NodeValidator.validate(node);
        }
        if (object instanceof Event event) {
            return EventValidator.validate(event);
        }
        if (object instanceof LimitRange limitRange) {
            return QuotaValidator.limitRange(limitRange);
        }
        if (object instanceof ResourceQuota quota) {
            return QuotaValidator.resourceQuota(quota);
        }
        if (object instanceof ControllerRevision revision) {
            return ControllerRevisionValidator.validate(revision);
        }
        if (object instanceof Lease lease) {
            return LeaseValidator.validate(lease);
        }
        if (object instanceof Endpoints endpoints) {
            return EndpointsValidator.validate(endpoints);
        }
        if (object instanceof io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition crd) {
            return CustomResourceDefinitionValidator.validate(crd);
        }
        if (object instanceof ValidatingAdmissionPolicy policy) {
            return AdmissionPolicyValidator.validate(policy);
        }
        if (object instanceof ValidatingAdmissionPolicyBinding binding) {
            return AdmissionPolicyBindingValidator.validate(binding);
        }
        if (object instanceof ValidatingWebhookConfiguration configuration) {
            return WebhookValidator.validating(configuration);
        }
        if (object instanceof MutatingWebhookConfiguration configuration) {
            return WebhookValidator.mutating(configuration);
        }
        return List.of();
    }
}
