package io.kubelite.objectstore.admission;

import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.storage.StoredObject;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * kube-apiserver's RuntimeClass admission for new pods: a pod naming a RuntimeClass gets the
 * class's {@code overhead.podFixed} as its {@code spec.overhead}, the class's node selector
 * merged into its own and the class's tolerations ({@link RuntimeClassRules}); a class that does
 * not exist, an overhead of the pod's own, or a node selector that contradicts the class is
 * refused (403) in kube's words, e.g. {@code pods "web" is forbidden: pod rejected: RuntimeClass
 * "kata" not found}. Classes are read from the admission snapshot, so a pod create costs no query.
 */
@Component
public class RuntimeClassAdmission {

    private final AdmissionObjects objects;

    public RuntimeClassAdmission(AdmissionObjects objects) {
        this.objects = objects;
    }

    /** The mutating half, before the pod is defaulted and validated. */
    public void admitPod(ObjectNode pod) {
        ObjectNode spec = pod.withObjectProperty("spec");
        RuntimeClassRules.admit(spec, runtimeClass(pod)).ifPresent(refusal -> {
            throw refused(pod, refusal);
        });
    }

    /** The validating half, once every mutation is done: the pod's overhead is its class's. */
    public void validatePod(ObjectNode pod) {
        RuntimeClassRules.validate(pod.path("spec"), runtimeClass(pod)).ifPresent(refusal -> {
            throw refused(pod, refusal);
        });
    }

    /** The class the pod names; null when it names none; refused when it names one that does not exist. */
    private JsonNode runtimeClass(ObjectNode pod) {
        JsonNode name = pod.path("spec").path("runtimeClassName");
        if (!name.isString()) {
            return null;
        }
        String className = name.asString();
        Optional<StoredObject> found = objects.itemsOrStored(AdmissionObjects.RUNTIME_CLASSES, "").stream()
                .filter(c -> c.name().equals(className)).findFirst();
        return found.map(StoredObject::body).orElseThrow(() -> refused(pod, RuntimeClassRules.notFound(className)));
    }

    private static ApiException refused(ObjectNode pod, String why) {
        return ApiException.forbidden("", "pods", pod.path("metadata").path("name").asString(""), why);
    }
}
