package io.kubelite.objectstore.crd;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code scale} subresource of a custom resource, through the paths its definition names
 * ({@code subresources.scale}): {@code specReplicasPath: .spec.replicas},
 * {@code statusReplicasPath: .status.replicas}, optionally {@code labelSelectorPath:
 * .status.labelSelector} (a string selector). kube-apiserver allows only plain field paths here,
 * which is all this reads. A missing replicas field counts as 0, as in Kubernetes.
 */
public record CustomScale(String specReplicasPath, String statusReplicasPath, String labelSelectorPath) {

    public static CustomScale of(JsonNode scale) {
        return new CustomScale(scale.path("specReplicasPath").asString(".spec.replicas"),
                scale.path("statusReplicasPath").asString(".status.replicas"),
                scale.path("labelSelectorPath").asString(""));
    }

    public int specReplicas(JsonNode object) {
        return at(object, specReplicasPath).asInt(0);
    }

    public int statusReplicas(JsonNode object) {
        return at(object, statusReplicasPath).asInt(0);
    }

    public String selector(JsonNode object) {
        return labelSelectorPath.isEmpty() ? "" : at(object, labelSelectorPath).asString("");
    }

    /** Sets the spec replicas field, making the objects on the way. */
    public void setSpecReplicas(ObjectNode object, int replicas) {
        String[] fields = fields(specReplicasPath);
        ObjectNode at = object;
        for (int i = 0; i < fields.length - 1; i++) {
            at = at.withObjectProperty(fields[i]);
        }
        at.put(fields[fields.length - 1], replicas);
    }

    private static JsonNode at(JsonNode object, String path) {
        JsonNode at = object;
        for (String field : fields(path)) {
            at = at.path(field);
        }
        return at;
    }

    private static String[] fields(String path) {
        return (path.startsWith(".") ? path.substring(1) : path).split("\\.");
    }
}
