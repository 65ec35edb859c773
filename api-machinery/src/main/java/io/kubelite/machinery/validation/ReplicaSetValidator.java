package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.kubelite.machinery.selector.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ReplicaSet and ReplicationController specs. They differ only in the selector: a label selector
 * for the ReplicaSet, a plain label map for the ReplicationController, which defaults to the
 * template's labels and is judged by that default when unset.
 */
final class ReplicaSetValidator {

    private static final FieldPath SPEC = FieldPath.of("spec");

    private ReplicaSetValidator() {
    }

    static List<FieldError> replicaSet(ReplicaSet rs) {
        ReplicaSetSpec spec = rs.getSpec() == null ? new ReplicaSetSpec() : rs.getSpec();
        List<FieldError> errs = new ArrayList<>();
        Checks.nonNegative(errs, SPEC.child("replicas"), spec.getReplicas());
        Checks.nonNegative(errs, SPEC.child("minReadySeconds"), spec.getMinReadySeconds());
        errs.addAll(WorkloadRules.replicaSetSelectorAndTemplate(spec.getSelector(), spec.getTemplate(), SPEC));
        return errs;
    }

    static List<FieldError> replicationController(ReplicationController rc) {
        ReplicationControllerSpec spec = rc.getSpec() == null ? new ReplicationControllerSpec() : rc.getSpec();
        List<FieldError> errs = new ArrayList<>();
        Checks.nonNegative(errs, SPEC.child("minReadySeconds"), spec.getMinReadySeconds());
        Map<String, String> selector = Checks.isEmpty(spec.getSelector()) && spec.getTemplate() != null
                ? WorkloadRules.templateLabels(spec.getTemplate()) : spec.getSelector();
        if (Checks.isEmpty(selector)) {
            errs.add(FieldError.required(SPEC.child("selector"), ""));
        }
        Checks.nonNegative(errs, SPEC.child("replicas"), spec.getReplicas());
        FieldPath templatePath = SPEC.child("template");
        PodTemplateSpec template = spec.getTemplate();
        if (template == null) {
            errs.add(FieldError.required(templatePath, ""));
            return errs;
        }
        Map<String, String> labels = WorkloadRules.templateLabels(template);
        if (!LabelSelector.fromMap(selector).matches(labels)) {
            errs.add(FieldError.invalid(templatePath.child("metadata", "labels"), Checks.labelsValue(labels),
                    WorkloadRules.SELECTOR_MISMATCH));
        }
        errs.addAll(WorkloadRules.alwaysRestartingTemplate(template, templatePath, "ReplicationController"));
        return errs;
    }
}
