package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.List;

/**
 * A pod spec, used for pods and for the template of every workload; the caller passes the
 * path prefix ({@code spec} or {@code spec.template.spec}) so errors name the right field.
 */
public final class PodSpecValidator {

    static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
    private static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
    private static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    private PodSpecValidator() {
    }

    public static List<FieldError> validate(PodSpec spec, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (spec == null) {
            errs.add(FieldError.required(path.child("containers"), ""));
            return errs;
        }
        VolumeValidator.Result volumes = VolumeValidator.validate(spec.getVolumes(), path.child("volumes"));
        errs.addAll(volumes.errors());
        errs.addAll(ContainerValidator.containers(spec.getContainers(), volumes.validNames(), path.child("containers")));
        errs.addAll(ContainerValidator.initContainers(spec.getInitContainers(), spec.getContainers(),
                volumes.validNames(), path.child("initContainers")));
        errs.addAll(ContainerValidator.ephemeralContainers(spec.getEphemeralContainers(), spec.getContainers(),
                spec.getInitContainers(), volumes.validNames(), path.child("ephemeralContainers")));
        String restart = spec.getRestartPolicy();
        if (!Checks.isEmpty(restart) && !RESTART_POLICIES.contains(restart)) {
            errs.add(FieldError.notSupported(path.child("restartPolicy"), restart, RESTART_POLICIES));
        }
        String dns = spec.getDnsPolicy();
        if (!Checks.isEmpty(dns) && !DNS_POLICIES.contains(dns)) {
            errs.add(FieldError.notSupported(path.child("dnsPolicy"), dns, DNS_POLICIES));
        }
        errs.addAll(MetaValidator.labels(spec.getNodeSelector(), path.child("nodeSelector")));
        Checks.nonNegative(errs, path.child("terminationGracePeriodSeconds"), spec.getTerminationGracePeriodSeconds());
        Long deadline = spec.getActiveDeadlineSeconds();
        if (deadline != null && (deadline < 1 || deadline > Integer.MAX_VALUE)) {
            errs.add(FieldError.invalid(path.child("activeDeadlineSeconds"), deadline,
                    NameRules.inclusiveRangeError(1, Integer.MAX_VALUE)));
        }
        dnsLabel(errs, spec.getHostname(), path.child("hostname"));
        dnsLabel(errs, spec.getSubdomain(), path.child("subdomain"));
        subdomain(errs, spec.getServiceAccountName(), path.child("serviceAccountName"));
        subdomain(errs, spec.getNodeName(), path.child("nodeName"));
        subdomain(errs, spec.getPriorityClassName(), path.child("priorityClassName"));
        if (spec.getRuntimeClassName() != null) {
            // set means validated, even empty: kube refuses runtimeClassName "" as no subdomain
            NameRules.isDns1123Subdomain(spec.getRuntimeClassName()).forEach(msg ->
                    errs.add(FieldError.invalid(path.child("runtimeClassName"), spec.getRuntimeClassName(), msg)));
        }
        if (!Checks.isEmpty(spec.getOverhead())) {
            errs.addAll(ResourceValidator.validate(new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                    .withLimits(spec.getOverhead()).build(), path.child("overhead")));
        }
        errs.addAll(tolerations(spec.getTolerations(), path.child("tolerations")));
        return errs;
    }

    /** The template of a workload: its labels and annotations, then its pod spec under {@code <path>.spec}. */
    public static List<FieldError> template(PodTemplateSpec template, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (template.getMetadata() != null) {
            errs.addAll(MetaValidator.labels(template.getMetadata().getLabels(), path.child("metadata", "labels")));
            errs.addAll(MetaValidator.annotations(template.getMetadata().getAnnotations(), path.child("metadata", "annotations")));
        }
        errs.addAll(validate(template.getSpec(), path.child("spec")));
        if (template.getSpec() != null && !Checks.isEmpty(template.getSpec().getEphemeralContainers())) {
            errs.add(FieldError.forbidden(path.child("spec", "ephemeralContainers"), "ephemeral containers not allowed in pod template"));
        }
        return errs;
    }

    static String restartPolicy(PodTemplateSpec template) {
        return template.getSpec() == null ? "Always" : Checks.or(template.getSpec().getRestartPolicy(), "Always");
    }

    /** Tolerations of a pod, or of a RuntimeClass's {@code scheduling}, as kube's ValidateTolerations judges them. */
    static List<FieldError> tolerations(List<Toleration> tolerations, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        List<Toleration> list = Checks.orEmpty(tolerations);
        for (int i = 0; i < list.size(); i++) {
            Toleration t = list.get(i);
            FieldPath idx = path.index(i);
            String key = MetaValidator.nullToEmpty(t.getKey());
            String operator = MetaValidator.nullToEmpty(t.getOperator());
            String effect = MetaValidator.nullToEmpty(t.getEffect());
            if (!key.isEmpty()) {
                NameRules.isQualifiedName(key).forEach(msg -> errs.add(FieldError.invalid(idx.child("key"), key, msg)));
            }
            if (key.isEmpty() && !operator.equals("Exists")) {
                errs.add(FieldError.invalid(idx.child("operator"), operator,
                        "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
            }
            if (t.getTolerationSeconds() != null && !effect.equals("NoExecute")) {
                errs.add(FieldError.invalid(idx.child("effect"), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
            }
            switch (operator) {
                case "", "Equal" -> {
                    List<String> msgs = NameRules.isValidLabelValue(MetaValidator.nullToEmpty(t.getValue()));
                    if (!msgs.isEmpty()) {
                        errs.add(FieldError.invalid(idx.child("operator"), MetaValidator.nullToEmpty(t.getValue()), String.join(";", msgs)));
                    }
                }
                case "Exists" -> {
                    if (!Checks.isEmpty(t.getValue())) {
                        errs.add(FieldError.invalid(idx.child("operator"), t.getValue(), "value must be empty when `operator` is 'Exists'"));
                    }
                }
                default -> errs.add(FieldError.notSupported(idx.child("operator"), operator, List.of("Equal", "Exists")));
            }
            if (!effect.isEmpty() && !TAINT_EFFECTS.contains(effect)) {
                errs.add(FieldError.notSupported(idx.child("effect"), effect, TAINT_EFFECTS));
            }
        }
        return errs;
    }

    private static void dnsLabel(List<FieldError> errs, String value, FieldPath path) {
        if (!Checks.isEmpty(value)) {
            NameRules.isDns1123Label(value).forEach(msg -> errs.add(FieldError.invalid(path, value, msg)));
        }
    }

    private static void subdomain(List<FieldError> errs, String value, FieldPath path) {
        if (!Checks.isEmpty(value)) {
            NameRules.isDns1123Subdomain(value).forEach(msg -> errs.add(FieldError.invalid(path, value, msg)));
        }
    }
}
