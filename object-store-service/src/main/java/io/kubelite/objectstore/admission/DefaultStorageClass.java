package io.kubelite.objectstore.admission;

import io.kubelite.objectstore.storage.ObjectStore;
import io.kubelite.objectstore.storage.StoredObject;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

import java.util.Comparator;
import java.util.Optional;

/**
 * kube-apiserver's DefaultStorageClass admission: a new claim that names no storage class (the
 * field absent, not {@code ""}) gets the default class — the one annotated
 * {@code storageclass.kubernetes.io/is-default-class: "true"}, the newest of several (read from the
 * admission snapshot, like the other objects admission consults). And its DefaultIngressClass
 * admission: a new Ingress that names no class (neither {@code spec.ingressClassName} nor the old
 * {@code kubernetes.io/ingress.class} annotation) gets the IngressClass annotated
 * {@code ingressclass.kubernetes.io/is-default-class: "true"}, the newest of several.
 */
@Component
public class DefaultStorageClass {

    static final String DEFAULT_ANNOTATION = "storageclass.kubernetes.io/is-default-class";
    static final String BETA_DEFAULT_ANNOTATION = "storageclass.beta.kubernetes.io/is-default-class";

    private final AdmissionObjects objects;
    private final ObjectStore store;

    public DefaultStorageClass(AdmissionObjects objects, ObjectStore store) {
        this.objects = objects;
        this.store = store;
    }

    public void admitClaim(ObjectNode claim) {
        ObjectNode spec = claim.withObjectProperty("spec");
        if (spec.has("storageClassName")) {
            return;
        }
        defaultClass().ifPresent(name -> spec.put("storageClassName", name));
    }

    static final String DEFAULT_INGRESS_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";
    static final String INGRESS_CLASS_ANNOTATION = "kubernetes.io/ingress.class";

    public void admitIngress(ObjectNode ingress) {
        ObjectNode spec = ingress.withObjectProperty("spec");
        if (spec.hasNonNull("ingressClassName")
                || ingress.path("metadata").path("annotations").hasNonNull(INGRESS_CLASS_ANNOTATION)) {
            return;
        }
        newest(store.items("ingressclasses.networking.k8s.io", ""), DEFAULT_INGRESS_CLASS_ANNOTATION)
                .ifPresent(name -> spec.put("ingressClassName", name));
    }

    private static Optional<String> newest(java.util.List<StoredObject> classes, String annotation) {
        return classes.stream()
                .filter(c -> "true".equals(c.body().path("metadata").path("annotations").path(annotation).asString("")))
                .max(Comparator.comparing((StoredObject c) -> c.body().path("metadata").path("creationTimestamp").asString(""))
                        .thenComparing(StoredObject::name))
                .map(StoredObject::name);
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
