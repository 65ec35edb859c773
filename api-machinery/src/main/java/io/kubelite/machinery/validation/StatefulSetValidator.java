package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * apps/v1 StatefulSets as kube-apiserver validates them. The pod template is checked as the
 * controller will run it: each of {@code volumeClaimTemplates} becomes a volume of the same name
 * (a claim per pod), so a container may mount {@code www} with no {@code www} volume in the template.
 */
final class StatefulSetValidator {

    private static final FieldPath SPEC = FieldPath.of("spec");
    private static final List<String> RETENTION = List.of("Retain", "Delete");

    private StatefulSetValidator() {
    }

    static List<FieldError> validate(StatefulSet statefulSet) {
        StatefulSetSpec spec = statefulSet.getSpec() == null ? new StatefulSetSpec() : statefulSet.getSpec();
        List<FieldError> errs = new ArrayList<>();
        String policy = spec.getPodManagementPolicy();
        if (Checks.isEmpty(policy)) {
            errs.add(FieldError.required(SPEC.child("podManagementPolicy"), ""));
        } else if (!policy.equals("OrderedReady") && !policy.equals("Parallel")) {
            errs.add(FieldError.invalid(SPEC.child("podManagementPolicy"), policy, "must be 'OrderedReady' or 'Parallel'"));
        }
        errs.addAll(updateStrategy(spec.getUpdateStrategy()));
        errs.addAll(retention(spec.getPersistentVolumeClaimRetentionPolicy()));
        Checks.nonNegative(errs, SPEC.child("replicas"), spec.getReplicas());
        Checks.nonNegative(errs, SPEC.child("minReadySeconds"), spec.getMinReadySeconds());
        if (spec.getOrdinals() != null) {
            Checks.nonNegative(errs, SPEC.child("ordinals.start"), spec.getOrdinals().getStart());
        }
        errs.addAll(WorkloadRules.requiredSelector(spec.getSelector(), SPEC.child("selector"), "statefulset"));
        PodTemplateSpec template = WorkloadRules.orEmpty(spec.getTemplate());
        FieldPath templatePath = SPEC.child("template");
        errs.addAll(WorkloadRules.selectorMatchesTemplate(spec.getSelector(), template, templatePath));
        errs.addAll(PodSpecValidator.template(withClaimVolumes(template, spec.getVolumeClaimTemplates()), templatePath));
        String restart = PodSpecValidator.restartPolicy(template);
        if (!restart.equals("Always")) {
            errs.add(FieldError.notSupported(templatePath.child("spec", "restartPolicy"), restart, List.of("Always")));
        }
        if (template.getSpec() != null && template.getSpec().getActiveDeadlineSeconds() != null) {
            errs.add(FieldError.forbidden(templatePath.child("spec", "activeDeadlineSeconds"),
                    "activeDeadlineSeconds in StatefulSet is not Supported"));
        }
        List<PersistentVolumeClaim> claims = Checks.orEmpty(spec.getVolumeClaimTemplates());
        for (int i = 0; i < claims.size(); i++) {
            FieldPath name = SPEC.child("volumeClaimTemplates").index(i).child("metadata", "name");
            String claimName = claims.get(i).getMetadata() == null ? null : claims.get(i).getMetadata().getName();
            if (Checks.isEmpty(claimName)) {
                errs.add(FieldError.required(name, "name or generateName is required"));
            }
        }
        return errs;
    }

    private static List<FieldError> updateStrategy(StatefulSetUpdateStrategy strategy) {
        List<FieldError> errs = new ArrayList<>();
        FieldPath path = SPEC.child("updateStrategy");
        String type = strategy == null ? "" : Checks.or(strategy.getType(), "");
        switch (type) {
            case "" -> errs.add(FieldError.required(path, ""));
            case "OnDelete" -> {
                if (strategy.getRollingUpdate() != null) {
                    errs.add(FieldError.invalid(path.child("rollingUpdate"), new GoValues.Literal("&apps.RollingUpdateStatefulSetStrategy{"
                            + "Partition:" + Checks.or(String.valueOf(strategy.getRollingUpdate().getPartition()), "0")
                            + ", MaxUnavailable:(*intstr.IntOrString)(nil)}"),
                            "only allowed for updateStrategy 'RollingUpdate'"));
                }
            }
            case "RollingUpdate" -> {
                if (strategy.getRollingUpdate() != null) {
                    Checks.nonNegative(errs, path.child("rollingUpdate", "partition"), strategy.getRollingUpdate().getPartition());
                }
            }
            default -> errs.add(FieldError.invalid(path, new GoValues.Literal("apps.StatefulSetUpdateStrategy{Type:\""
                    + type + "\", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}"),
                    "must be 'RollingUpdate' or 'OnDelete'"));
        }
        return errs;
    }

    private static List<FieldError> retention(StatefulSetPersistentVolumeClaimRetentionPolicy policy) {
        List<FieldError> errs = new ArrayList<>();
        if (policy == null) {
            return errs;
        }
        FieldPath path = SPEC.child("persistentVolumeClaimRetentionPolicy");
        if (policy.getWhenDeleted() != null && !RETENTION.contains(policy.getWhenDeleted())) {
            errs.add(FieldError.notSupported(path.child("whenDeleted"), policy.getWhenDeleted(), RETENTION));
        }
        if (policy.getWhenScaled() != null && !RETENTION.contains(policy.getWhenScaled())) {
            errs.add(FieldError.notSupported(path.child("whenScaled"), policy.getWhenScaled(), RETENTION));
        }
        return errs;
    }

    /** The template with a claim volume for each claim template it has no volume of that name for. */
    private static PodTemplateSpec withClaimVolumes(PodTemplateSpec template, List<PersistentVolumeClaim> claims) {
        if (Checks.isEmpty(claims) || template.getSpec() == null) {
            return template;
        }
        Set<String> volumes = Checks.orEmpty(template.getSpec().getVolumes()).stream().map(Volume::getName)
                .collect(Collectors.toSet());
        PodTemplateSpecBuilder b = new PodTemplateSpecBuilder(template);
        for (PersistentVolumeClaim claim : claims) {
            String name = claim.getMetadata() == null ? null : claim.getMetadata().getName();
            if (!Checks.isEmpty(name) && !volumes.contains(name)) {
                b.editSpec().addToVolumes(new VolumeBuilder().withName(name).withNewPersistentVolumeClaim()
                        .withClaimName(name).endPersistentVolumeClaim().build()).endSpec();
            }
        }
        return b.build();
    }
}
