package io.kubelite.objectstore.crd;

import io.kubelite.machinery.validation.FieldError;
import io.kubelite.objectstore.resource.CustomResourceVersion;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The openAPIV3Schema of a custom resource version applied to an object being written, as
 * kube-apiserver applies it: pruning, defaulting, validation (with its CEL rules). A version without a schema (none in
 * a v1 definition; possible in stored data) takes any object.
 */
@Component
public class CustomResourceSchemas {

    /** Removes the fields the schema does not declare; returns their paths ({@code spec.foo}). */
    public List<String> prune(CustomResourceVersion version, ObjectNode object) {
        return version.structural() == null ? List.of() : version.structural().prune(object);
    }

    public void applyDefaults(CustomResourceVersion version, ObjectNode object) {
        if (version.structural() != null) {
            version.structural().applyDefaults(object);
        }
    }

    /**
     * The schema's checks, then its CEL rules ({@code x-kubernetes-validations}); {@code old} is the
     * object an update replaces (null on a create), read by transition rules and ratcheting, whose
     * ratcheted failures come back as warnings.
     */
    public ValidationRules.Outcome validate(CustomResourceVersion version, ObjectNode object, ObjectNode old) {
        List<FieldError> errors = new java.util.ArrayList<>(
                version.structural() == null ? List.of() : version.structural().validate(object));
        ValidationRules.Outcome rules = version.rules().validate(object, old);
        errors.addAll(rules.errors());
        return new ValidationRules.Outcome(errors, rules.warnings());
    }
}
