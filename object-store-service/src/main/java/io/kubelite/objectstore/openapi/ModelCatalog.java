package io.kubelite.objectstore.openapi;

import io.kubelite.machinery.managedfields.Shape;
import io.kubelite.machinery.patch.ListStrategy;
import io.kubelite.machinery.patch.PatchSchema;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Kubernetes' API types as the OpenAPI 3 component schemas kube-apiserver publishes: named
 * {@code io.k8s.api.core.v1.PodSpec}, references as {@code allOf: [{$ref}]}, the kinds marked
 * with {@code x-kubernetes-group-version-kind}, and the strategic-merge tags
 * ({@link PatchTags}) kubectl reads to compute {@code apply}'s patches. The types and their
 * descriptions are the catalog {@link ModelCatalogGenerator} writes at build time.
 *
 * <p>A type's definition name takes the API group of the first served kind that reaches it,
 * walking the core kinds first: {@code PodTemplateSpec} is core's even when an apps/v1 document
 * lists it; the meta types are apimachinery's.
 *
 * <p>The same tags drive the server's own strategic merge ({@link #patchSchema(ResourceType)}), so
 * a list merges on the server exactly when kubectl's patch expects it to.
 */
@Component
public final class ModelCatalog {

    static final String RESOURCE = "/openapi/kubernetes-models.json.gz";
    private static final String REF_PREFIX = "#/components/schemas/";
    private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    private static final Set<String> META_TYPES = Set.of("ObjectMeta", "ListMeta", "LabelSelector",
            "LabelSelectorRequirement", "OwnerReference", "ManagedFieldsEntry", "Status", "StatusDetails",
            "StatusCause", "DeleteOptions", "Preconditions", "Condition", "APIResource", "APIResourceList",
            "APIGroup", "APIGroupList", "APIVersions", "GroupVersionForDiscovery", "ServerAddressByClientCIDR",
            "WatchEvent");
    /** {@code V1PodSpec} → version V1, type PodSpec; {@code CoreV1Event} → V1, Event. */
    private static final Pattern MODEL = Pattern.compile("(?:[A-Z][a-z]+)?(V\\d+)([A-Z]\\w*)");

    /** Deep enough for every list of the served kinds (a CronJob's containers' env sits at 9). */
    private static final int MAX_LIST_DEPTH = 16;

    private final JsonNode models;
    private final Map<String, String> definitionNames = new HashMap<>();
    private final Map<String, PatchSchema> patchSchemas = new ConcurrentHashMap<>();
    private final ApplyShapes applyShapes;

    @Autowired
    public ModelCatalog(ResourceRegistry registry, JsonMapper json) {
        this(read(json), registry.builtin().stream().filter(ResourceType::servedInDiscovery).toList());
    }

    private ModelCatalog(JsonNode models, List<ResourceType> servedInOrder) {
        this.models = models;
        this.applyShapes = new ApplyShapes(models, ModelCatalog::typeName);
        definitionNames.put("Quantity", "io.k8s.apimachinery.pkg.api.resource.Quantity");
        definitionNames.put("IntOrString", "io.k8s.apimachinery.pkg.util.intstr.IntOrString");
        for (ResourceType t : servedInOrder) {
            model(t).ifPresent(m -> name(m, groupPackage(t.group().equals("extensions") ? t.storageGroup() : t.group())));
        }
    }

    private static JsonNode read(JsonMapper json) {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path; rebuild the object store");
            }
            return json.readTree(new GZIPInputStream(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How a strategic merge patch combines each list of the kind: the lists its type tags
     * {@code merge} (by their key), every other list replaced, as Kubernetes does by type, so a
     * nested {@code metadata.finalizers} merges wherever the metadata sits.
     */
    public PatchSchema patchSchema(ResourceType type) {
        return patchSchema(model(type).orElse(""));
    }

    /** How server-side apply sees the kind's objects, field by field ({@link Shape#UNTYPED} for a kind the catalog lacks). */
    public Shape applyShape(ResourceType type) {
        return model(type).map(applyShapes::of).orElse(Shape.UNTYPED);
    }

    /** The rules of the {@code autoscaling/v1} Scale the scale subresources take. */
    public PatchSchema scalePatchSchema() {
        return patchSchema("V1Scale");
    }

    private PatchSchema patchSchema(String model) {
        return patchSchemas.computeIfAbsent(model, m -> {
            Map<String, ListStrategy> lists = new HashMap<>();
            if (models.has(m)) {
                collectLists(m, "", lists, 0, new java.util.HashSet<>());
            }
            return PatchSchema.of(lists);
        });
    }

    /** {@code open}: the models on the way here; a type that holds itself (a CRD's JSONSchemaProps) is walked once. */
    private void collectLists(String model, String path, Map<String, ListStrategy> lists, int depth, java.util.Set<String> open) {
        if (depth > MAX_LIST_DEPTH || !open.add(model)) {
            return;
        }
        for (Map.Entry<String, JsonNode> property : models.get(model).get("properties").properties()) {
            String at = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
            JsonNode p = property.getValue();
            if (p.has("items")) {
                lists.put(at, PatchTags.of(typeName(model), property.getKey())
                        .filter(tag -> tag.strategy().contains("merge"))
                        .map(tag -> tag.mergeKey().isEmpty() ? ListStrategy.mergeScalars()
                                : ListStrategy.mergeByKey(tag.mergeKey()))
                        .orElse(ListStrategy.replace()));
            }
            JsonNode element = p.has("items") ? p.get("items") : p;
            if (element.has("$ref") && models.has(element.get("$ref").asString())) {
                collectLists(element.get("$ref").asString(), at, lists, depth + 1, open);
            }
        }
        open.remove(model);
    }

    /** The definition name of a served kind's schema, if the catalog knows the kind. */
    Optional<String> definitionName(ResourceType type) {
        return model(type).map(definitionNames::get);
    }

    /**
     * Adds the schemas of the given kinds, and of every type they reach, to {@code schemas}, each
     * kind marked with its group, version and kind.
     */
    /** Adds ObjectMeta and the types it reaches; returns its component name (custom kinds' metadata refers to it). */
    String addObjectMeta(ObjectNode schemas) {
        add(schemas, "V1ObjectMeta");
        return definitionNames.get("V1ObjectMeta");
    }

    void addSchemas(ObjectNode schemas, List<ResourceType> types) {
        for (ResourceType t : types) {
            Optional<String> model = model(t);
            if (model.isEmpty()) {
                continue;
            }
            add(schemas, model.get());
            ObjectNode kind = (ObjectNode) schemas.get(definitionNames.get(model.get()));
            ArrayNode gvks = kind.has("x-kubernetes-group-version-kind")
                    ? (ArrayNode) kind.get("x-kubernetes-group-version-kind")
                    : kind.putArray("x-kubernetes-group-version-kind");
            gvks.addObject().put("group", t.group()).put("kind", t.kind()).put("version", t.version());
        }
    }

    private void add(ObjectNode schemas, String model) {
        String name = definitionNames.get(model);
        if (name == null || schemas.has(name)) {
            return;
        }
        if (model.equals("Quantity")) {
            ObjectNode quantity = schemas.putObject(name).put("description", "Quantity is a fixed-point "
                    + "representation of a number, written as a string such as 250m, 1.5 or 64Mi.");
            quantity.putArray("oneOf").add(primitive("string")).add(primitive("number"));
            return;
        }
        if (model.equals("IntOrString")) {
            ObjectNode intOrString = schemas.putObject(name)
                    .put("description", "IntOrString is a type that can hold an int32 or a string.")
                    .put("format", "int-or-string");
            intOrString.putArray("oneOf").add(primitive("integer")).add(primitive("string"));
            return;
        }
        ObjectNode schema = (ObjectNode) models.get(model).deepCopy();
        schemas.set(name, schema);
        String type = typeName(model);
        for (Map.Entry<String, JsonNode> property : schema.get("properties").properties()) {
            ObjectNode p = (ObjectNode) property.getValue();
            PatchTags.of(type, property.getKey()).ifPresent(tag -> {
                p.put("x-kubernetes-patch-strategy", tag.strategy());
                if (!tag.mergeKey().isEmpty()) {
                    p.put("x-kubernetes-patch-merge-key", tag.mergeKey());
                }
            });
            resolve(schemas, p);
        }
    }

    /** Rewrites the catalog's {@code {"$ref": "V1PodSpec"}} into Kubernetes' form, adding the referenced type. */
    private void resolve(ObjectNode schemas, ObjectNode node) {
        JsonNode ref = node.remove("$ref");
        if (ref != null) {
            add(schemas, ref.asString());
            node.putArray("allOf").addObject().put("$ref", REF_PREFIX + definitionNames.get(ref.asString()));
        }
        for (String nested : List.of("items", "additionalProperties")) {
            if (node.get(nested) instanceof ObjectNode n) {
                resolve(schemas, n);
            }
        }
    }

    private void name(String model, String groupPackage) {
        if (definitionNames.containsKey(model) || !models.has(model)) {
            return;
        }
        Matcher m = MODEL.matcher(model);
        if (!m.matches()) {
            return;
        }
        String version = m.group(1).toLowerCase();
        String type = m.group(2);
        definitionNames.put(model, version.equals("v1") && META_TYPES.contains(type) ? META + type
                : "io.k8s.api." + groupPackage + "." + version + "." + type);
        for (JsonNode property : models.get(model).get("properties")) {
            referenced(property).ifPresent(r -> name(r, groupPackage));
        }
    }

    private static ObjectNode primitive(String type) {
        return JsonNodeFactory.instance.objectNode().put("type", type);
    }

    private static Optional<String> referenced(JsonNode property) {
        for (JsonNode n = property; n != null; n = n.has("items") ? n.get("items") : n.get("additionalProperties")) {
            if (n.has("$ref")) {
                return Optional.of(n.get("$ref").asString());
            }
        }
        return Optional.empty();
    }

    /** The catalog's model of a served kind: its own version's, else its storage version's. */
    private Optional<String> model(ResourceType t) {
        for (String[] gv : List.of(new String[] {t.group(), t.version()}, new String[] {t.storageGroup(), t.storageVersion()})) {
            String version = "V" + gv[1].substring(1);
            String prefixed = (gv[0].isEmpty() ? "Core" : capitalize(gv[0].split("\\.")[0])) + version + t.kind();
            for (String candidate : List.of(version + t.kind(), prefixed)) {
                if (models.has(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static String typeName(String model) {
        Matcher m = MODEL.matcher(model);
        return m.matches() ? m.group(2) : model;
    }

    private static String groupPackage(String group) {
        return group.isEmpty() ? "core" : group.split("\\.")[0];
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
