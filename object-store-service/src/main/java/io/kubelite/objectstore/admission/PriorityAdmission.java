package io.kubelite.objectstore.admission;

import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.storage.StoredObject;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * kube-apiserver's Priority admission for new pods: {@code spec.priority} (and
 * {@code preemptionPolicy}) from the PriorityClass the pod names, or from the class marked
 * {@code globalDefault} when it names none (its name then set on the pod), else 0. A class that
 * does not exist, or a priority the pod sets itself that differs, is refused (403) in kube's words.
 * Classes are read from the admission snapshot, so a pod create costs no extra query.
 */
@Component
public class PriorityAdmission {

    static final String DEFAULT_PREEMPTION = "PreemptLowerPriority";

    private final AdmissionObjects objects;

    public PriorityAdmission(AdmissionObjects objects) {
        this.objects = objects;
    }

    public void admitPod(ObjectNode pod) {
        ObjectNode spec = pod.withObjectProperty("spec");
        String name = pod.path("metadata").path("name").asString("");
        String className = spec.path("priorityClassName").asString("");
        List<StoredObject> classes = objects.itemsOrStored(AdmissionObjects.PRIORITY_CLASSES, "");
        long priority = 0;
        String policy = DEFAULT_PREEMPTION;
        if (className.isEmpty()) {
            Optional<StoredObject> global = classes.stream().filter(c -> c.body().path("globalDefault").asBoolean(false))
                    .min(Comparator.comparingLong(c -> c.body().path("value").asLong(0)));
            if (global.isPresent()) {
                spec.put("priorityClassName", global.get().name());
                priority = global.get().body().path("value").asLong(0);
                policy = global.get().body().path("preemptionPolicy").asString(DEFAULT_PREEMPTION);
            }
        } else {
            StoredObject pc = classes.stream().filter(c -> c.name().equals(className)).findFirst().orElseThrow(() ->
                    ApiException.forbidden("", "pods", name, "no PriorityClass with name " + className + " was found"));
            priority = pc.body().path("value").asLong(0);
            policy = pc.body().path("preemptionPolicy").asString(DEFAULT_PREEMPTION);
        }
        JsonNode given = spec.path("priority");
        if (given.isNumber() && given.asLong() != priority) {
            throw ApiException.forbidden("", "pods", name, "the integer value of priority (" + given.asLong()
                    + ") must not be provided in pod spec; priority admission controller computed " + priority
                    + " from the given PriorityClass name");
        }
        JsonNode givenPolicy = spec.path("preemptionPolicy");
        if (givenPolicy.isString() && !givenPolicy.asString().equals(policy)) {
            throw ApiException.forbidden("", "pods", name, "the string value of PreemptionPolicy (" + givenPolicy.asString()
                    + ") must not be provided in pod spec; priority admission controller computed " + policy
                    + " from the given PriorityClass name");
        }
        spec.put("priority", priority);
        spec.put("preemptionPolicy", policy);
    }
}
