package io.kubelite.objectstore.admission;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubelite.machinery.podsecurity.Level;
import io.kubelite.machinery.podsecurity.LevelVersion;
import io.kubelite.machinery.podsecurity.NamespacePolicy;
import io.kubelite.machinery.podsecurity.PodSecurity;
import io.kubelite.machinery.podsecurity.Violation;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import io.kubelite.objectstore.rest.ObjectCodec;
import io.kubelite.objectstore.storage.ObjectStore;
import io.kubelite.objectstore.storage.StoredObject;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pod Security Admission, as kube-apiserver's PodSecurity plugin with its default configuration
 * (every namespace {@code privileged} unless its labels say otherwise, no exemptions): a namespace
 * labelled {@code pod-security.kubernetes.io/enforce: restricted} refuses a pod that breaks the
 * Restricted standard ({@code pods "web" is forbidden: violates PodSecurity "restricted:latest":
 * allowPrivilegeEscalation != false (…), …}); {@code warn} answers such a pod — and a workload whose
 * pod template would be one — with a warning ({@code would violate PodSecurity …}). A namespace
 * label with a value that is not a level or version is refused (422); raising a namespace's
 * enforce level warns about the pods already there that break it. Without labels a pod costs one
 * look at the namespace's cached labels.
 */
@Component
public class PodSecurityAdmission {

    private static final LevelVersion PRIVILEGED = LevelVersion.latest(Level.PRIVILEGED);
    /** Pods, and the kinds whose pod templates are checked (warn only), by storage resource. */
    private static final java.util.Set<String> CHECKED = java.util.Set.of("pods", "podtemplates", "replicationcontrollers",
            "deployments.apps", "replicasets.apps", "statefulsets.apps", "daemonsets.apps", "jobs.batch", "cronjobs.batch");

    private final AdmissionObjects admissionObjects;
    private final ObjectStore store;
    private final ObjectCodec codec;
    private final ResourceRegistry registry;

    public PodSecurityAdmission(AdmissionObjects admissionObjects, ObjectStore store, ObjectCodec codec,
                                ResourceRegistry registry) {
        this.registry = registry;
        this.admissionObjects = admissionObjects;
        this.store = store;
        this.codec = codec;
    }

    /**
     * Checks a pod (enforce and warn) or a workload's pod template (warn) about to be created in
     * {@code namespace}; returns the warnings, throws the refusal.
     */
    public List<String> admit(ResourceType storage, String namespace, ObjectNode object) {
        if (!CHECKED.contains(storage.storageResource())) {
            return List.of();
        }
        NamespacePolicy policy = policyOf(namespace);
        if (policy == null || policy.enforce().equals(PRIVILEGED) && policy.warn().equals(PRIVILEGED)) {
            return List.of();
        }
        boolean pod = storage.group().isEmpty() && storage.resource().equals("pods");
        HasMetadata typed = codec.toTyped(storage, object);
        List<String> warnings = new ArrayList<>();
        if (pod) {
            Pod p = (Pod) typed;
            List<Violation> enforced = PodSecurity.check(policy.enforce(), p.getMetadata(), p.getSpec());
            if (!enforced.isEmpty()) {
                String name = p.getMetadata().getName();
                throw new ApiException(403, "Forbidden", PodSecurity.forbidden(name, policy.enforce(), enforced), "", "pods",
                        name, List.of());
            }
            warn(policy, p.getMetadata(), p.getSpec(), warnings);
        } else {
            PodSecurity.templateOf(typed).ifPresent(t -> warn(policy, t.getMetadata(), t.getSpec(), warnings));
        }
        return warnings;
    }

    private static void warn(NamespacePolicy policy, io.fabric8.kubernetes.api.model.ObjectMeta metadata,
                             io.fabric8.kubernetes.api.model.PodSpec spec, List<String> warnings) {
        if (policy.warn().equals(PRIVILEGED)) {
            return;
        }
        List<Violation> violations = PodSecurity.check(policy.warn(), metadata, spec);
        if (!violations.isEmpty()) {
            warnings.add(PodSecurity.warning(policy.warn(), violations));
        }
    }

    /**
     * A Namespace about to be written: labels naming no level or version are refused (on an update,
     * only those the old labels did not already have); a stricter enforce level warns about the
     * namespace's pods that break it.
     */
    public List<String> admitNamespace(ObjectNode namespace, JsonNode old) {
        NamespacePolicy policy = NamespacePolicy.fromLabels(RequestNamespace.labels(namespace));
        NamespacePolicy before = old == null ? null : NamespacePolicy.fromLabels(RequestNamespace.labels(old));
        String name = namespace.path("metadata").path("name").asString("");
        if (before == null ? !policy.valid() : policy.rejectsUpdateFrom(before)) {
            throw ApiException.invalid("", "Namespace", name, policy.errors().stream()
                    .map(e -> new ApiException.Cause(e.type().reason(), e.message(), e.field())).toList());
        }
        if (before == null || policy.enforce().equals(before.enforce()) || policy.enforce().equals(PRIVILEGED)) {
            return List.of();
        }
        List<String> offenders = new ArrayList<>();
        for (StoredObject stored : store.items("pods", name)) {
            Pod pod = (Pod) codec.toTyped(podType(), stored.body());
            List<Violation> violations = PodSecurity.check(policy.enforce(), pod.getMetadata(), pod.getSpec());
            if (!violations.isEmpty()) {
                offenders.add(pod.getMetadata().getName() + ": " + PodSecurity.reasons(violations));
            }
        }
        if (offenders.isEmpty()) {
            return List.of();
        }
        List<String> warnings = new ArrayList<>();
        warnings.add("existing pods in namespace \"" + name + "\" violate the new PodSecurity enforce level \""
                + policy.enforce() + "\"");
        warnings.addAll(offenders);
        return warnings;
    }

    private ResourceType podType() {
        return registry.find("", "v1", "pods").orElseThrow();
    }

    /** The namespace's policy, or null when the namespace is unknown (the namespace check answers that). */
    private NamespacePolicy policyOf(String namespace) {
        JsonNode ns = new RequestNamespace(admissionObjects, store, namespace).object();
        if (ns == null) {
            return null;
        }
        Map<String, String> labels = RequestNamespace.labels(ns);
        if (labels.keySet().stream().noneMatch(k -> k.startsWith("pod-security.kubernetes.io/"))) {
            return null;
        }
        return NamespacePolicy.fromLabels(labels);
    }
}
