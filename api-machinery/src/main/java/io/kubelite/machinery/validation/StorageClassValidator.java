package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.storage.StorageClass;

import java.util.ArrayList;
import java.util.List;

/**
 * storage.k8s.io/v1 StorageClasses as kube-apiserver validates them: a provisioner named like a
 * qualified name, a known reclaim policy and volume binding mode, at most 512 parameters.
 */
final class StorageClassValidator {

    private static final List<String> RECLAIM_POLICIES = List.of("Delete", "Retain");
    private static final List<String> BINDING_MODES = List.of("Immediate", "WaitForFirstConsumer");
    private static final int MAX_PARAMETERS = 512;

    private StorageClassValidator() {
    }

    static List<FieldError> validate(StorageClass storageClass) {
        List<FieldError> errs = new ArrayList<>();
        String provisioner = storageClass.getProvisioner();
        FieldPath path = FieldPath.of("provisioner");
        if (Checks.isEmpty(provisioner)) {
            errs.add(FieldError.required(path, ""));
        } else {
            if (provisioner.length() > 63 + 253 + 1) {
                errs.add(FieldError.tooLong(path, 63 + 253 + 1));
            }
            for (String msg : NameRules.isQualifiedName(provisioner.toLowerCase())) {
                errs.add(FieldError.invalid(path, provisioner, msg));
            }
        }
        String reclaim = storageClass.getReclaimPolicy();
        if (reclaim != null && !RECLAIM_POLICIES.contains(reclaim)) {
            errs.add(FieldError.notSupported(FieldPath.of("reclaimPolicy"), reclaim, RECLAIM_POLICIES));
        }
        String mode = storageClass.getVolumeBindingMode();
        if (mode == null) {
            errs.add(FieldError.required(FieldPath.of("volumeBindingMode"), ""));
        } else if (!BINDING_MODES.contains(mode)) {
            errs.add(FieldError.notSupported(FieldPath.of("volumeBindingMode"), mode, BINDING_MODES));
        }
        if (storageClass.getParameters() != null && storageClass.getParameters().size() > MAX_PARAMETERS) {
            errs.add(FieldError.tooMany(FieldPath.of("parameters"), storageClass.getParameters().size(), MAX_PARAMETERS));
        }
        return errs;
    }
}
