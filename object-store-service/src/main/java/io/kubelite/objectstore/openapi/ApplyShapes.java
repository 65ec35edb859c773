package io.kubelite.objectstore.openapi;

import io.kubelite.machinery.managedfields.Shape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The {@link Shape}s server-side apply tracks ownership by, made from the catalog's models the
 * way Kubernetes derives them from its Go types: lists tagged {@code patchStrategy=merge} with a
 * key are maps by that key (ports by port and protocol, as their {@code listMapKey}s say), without
 * a key sets, every other list atomic; the types tagged {@code +structType=atomic} (a label
 * selector, object references) are owned as one; string maps key by key.
 */
final class ApplyShapes {

    /** The Go types marked {@code +structType=atomic}, by model type name. */
    private static final Set<String> ATOMIC_STRUCTS = Set.of("LabelSelector", "LocalObjectReference",
            "ConfigMapKeySelector", "SecretKeySelector", "ObjectFieldSelector", "ResourceFieldSelector",
            "NodeSelector", "NodeSelectorTerm", "ObjectReference", "TypedLocalObjectReference",
            "TopologySelectorTerm");
    /** Lists whose {@code listMapKey}s are more than their patch merge key. */
    private static final Map<String, List<String>> PROTOCOL_KEYED = Map.of(
            "Container.ports", List.of("containerPort", "protocol"),
            "EphemeralContainer.ports", List.of("containerPort", "protocol"),
            "ServiceSpec.ports", List.of("port", "protocol"));
    private static final Map<String, JsonNode> PROTOCOL_DEFAULT = Map.of("protocol",
            JsonNodeFactory.instance.stringNode("TCP"));

    private final JsonNode models;
    private final Function<String, String> typeName;
    private final Map<String, Shape> built = new HashMap<>();

    ApplyShapes(JsonNode models, Function<String, String> typeName) {
        this.models = models;
        this.typeName = typeName;
    }

    /** The shape of a model, {@link Shape#UNTYPED} for one the catalog lacks. */
    synchronized Shape of(String model) {
        if (!models.has(model)) {
            return Shape.UNTYPED;
        }
        Shape existing = built.get(model);
        if (existing != null) {
            return existing;
        }
        String type = typeName.apply(model);
        Shape struct = Shape.struct(ATOMIC_STRUCTS.contains(type));
        built.put(model, struct);
        for (Map.Entry<String, JsonNode> property : models.get(model).path("properties").properties()) {
            struct.withField(property.getKey(), property(type, property.getKey(), property.getValue()));
        }
        return struct;
    }

    private Shape property(String type, String name, JsonNode p) {
        if (p.has("items")) {
            Shape element = value(p.get("items"));
            String at = type + "." + name;
            return PatchTags.of(type, name)
                    .filter(tag -> tag.strategy().contains("merge"))
                    .map(tag -> tag.mergeKey().isEmpty() ? Shape.set(element)
                            : PROTOCOL_KEYED.containsKey(at)
                            ? Shape.keyedList(element, PROTOCOL_KEYED.get(at), PROTOCOL_DEFAULT)
                            : Shape.keyedList(element, List.of(tag.mergeKey()), Map.of()))
                    .orElse(Shape.atomicList(element));
        }
        return value(p);
    }

    private Shape value(JsonNode p) {
        if (p.has("$ref")) {
            String ref = p.get("$ref").asString();
            return models.has(ref) ? of(ref) : Shape.SCALAR;
        }
        if (p.has("additionalProperties")) {
            return Shape.map(value(p.get("additionalProperties")), false);
        }
        if (p.has("items")) {
            return Shape.atomicList(value(p.get("items")));
        }
        return "object".equals(p.path("type").asString("")) ? Shape.UNTYPED : Shape.SCALAR;
    }
}
