package io.kubelite.objectstore.admission;

import io.kubelite.objectstore.storage.StoredObject;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

import java.util.Comparator;
import java.util.Optional;

/**
 * kube-apiserver's DefaultStorageClass admission: a new claim that names no storage class (the
 * field absent, not {@code ""}) gets the default class — the one annotated
 * {@code storageclass.kubernetes.io/is-default-class: "true"}, the newest of several (read from the
 * admission snapshot, like the other objects admission consults).
 */
@Component
public class DefaultStorageClass {

    static final String DEFAULT_ANNOTATION = "storageclass.kubernetes.io/is-default-class";
    static final String BETA_DEFAULT_ANNOTATION = "storageclass.beta.kubernetes.io/is-default-class";

    private final AdmissionObjects objects;

    public DefaultStorageClass(AdmissionObjects objects) {
        this.objects = objects;
    }

    public void admitClaim(ObjectNode claim) {
        ObjectNode spec = claim.withObjectProperty("spec");
        if (spec.has("storageClassName")) {
            return;
        }
        defaultClass().ifPresent(name -> spec.put("storageClassName", name));
    }

    private Optional<String> defaultClass() {
        return objects.itemsOrStored(AdmissionObjects.STORAGE_CLASSES, "").stream()
                .filter(c -> isDefault(c.body().path("metadata").path("annotations")))
                .max(Comparator.comparing((StoredObject c) -> c.body().path("metadata").path("creationTimestamp").asString(""))
                        .thenComparing(StoredObject::name))
                .map(StoredObject::name);
    }

    private static boolean isDefault(tools.jackson.databind.JsonNode annotations) {
        return "true".equals(annotations.path(DEFAULT_ANNOTATION).asString(""))
                || "true".equals(annotations.path(BETA_DEFAULT_ANNOTATION).asString(""));
    }
}
