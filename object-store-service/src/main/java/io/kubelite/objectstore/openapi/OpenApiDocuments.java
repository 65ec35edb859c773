package io.kubelite.objectstore.openapi;

import io.kubelite.objectstore.resource.CustomResourceVersion;
import io.kubelite.objectstore.resource.ResourceType;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Builds the OpenAPI 3 document of one group version: for every resource the collection path
 * (list, watch via {@code ?watch=true}, create, deletecollection), the item path (get, replace,
 * patch, delete) and the status, scale and ephemeralcontainers subresources, with Kubernetes' query parameters, and
 * the component schemas of the kinds and every type they reach ({@link ModelCatalog}): what
 * {@code kubectl explain} prints and {@code kubectl apply} computes its patches from. Bodies of
 * kinds the catalog does not know are typed loosely as objects.
 */
final class OpenApiDocuments {

    /** The subresources read and written as objects: the kind's own (status, ephemeralcontainers) or a Scale. */
    private static final java.util.Set<String> DOCUMENTED_SUBRESOURCES = java.util.Set.of("status", "scale",
            "ephemeralcontainers");

    private static final List<String> PATCH_TYPES = List.of("application/json-patch+json",
            "application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml");

    private final JsonMapper json;
    private final ModelCatalog catalog;

    OpenApiDocuments(JsonMapper json, ModelCatalog catalog) {
        this.json = json;
        this.catalog = catalog;
    }

    ObjectNode forGroupVersion(String group, String version, List<ResourceType> types) {
        return forGroupVersion(group, version, types, null);
    }

    /**
     * The document of a custom resource group version, as kube-apiserver publishes one for a
     * CustomResourceDefinition: each kind's schema is the definition's openAPIV3Schema with
     * apiVersion, kind and metadata (ObjectMeta) added, named like Kubernetes names them
     * ({@code com.example.stable.v1.CronTab}); PATCH takes no strategic merge patch, which tells
     * kubectl to send a JSON merge patch.
     */
    ObjectNode forCustomGroupVersion(String group, String version, List<CustomResourceVersion> versions) {
        ObjectNode doc = forGroupVersion(group, version, versions.stream().map(CustomResourceVersion::type).toList(),
                versions);
        ObjectNode schemas = (ObjectNode) doc.path("components").path("schemas");
        String meta = catalog.addObjectMeta(schemas);
        for (CustomResourceVersion v : versions) {
            ResourceType t = v.type();
            ObjectNode kind = v.schema() != null && v.schema().isObject() ? (ObjectNode) v.schema().deepCopy()
                    : json.createObjectNode().put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
            ObjectNode properties = kind.has("properties") ? (ObjectNode) kind.get("properties") : kind.putObject("properties");
            properties.putObject("apiVersion").put("type", "string").put("description", "APIVersion defines the versioned "
                    + "schema of this representation of an object. Servers should convert recognized schemas to the latest "
                    + "internal value, and may reject unrecognized values.");
            properties.putObject("kind").put("type", "string").put("description", "Kind is a string value representing "
                    + "the REST resource this object represents. Servers may infer this from the endpoint the client "
                    + "submits requests to. Cannot be updated. In CamelCase.");
            ObjectNode metadata = properties.putObject("metadata");
            metadata.put("description", "Standard object's metadata.");
            metadata.putArray("allOf").addObject().put("$ref", "#/components/schemas/" + meta);
            kind.putArray("x-kubernetes-group-version-kind").addObject().put("group", group).put("kind", t.kind())
                    .put("version", version);
            schemas.set(customSchemaName(t), kind);
        }
        return doc;
    }

    /** Kubernetes' name for a custom kind's schema: the group reversed, the version, the kind. */
    static String customSchemaName(ResourceType t) {
        List<String> parts = new java.util.ArrayList<>(List.of(t.group().split("\\.")));
        java.util.Collections.reverse(parts);
        return String.join(".", parts) + "." + t.version() + "." + t.kind();
    }

    private ObjectNode forGroupVersion(String group, String version, List<ResourceType> types,
                                       List<CustomResourceVersion> custom) {
        String gv = group.isEmpty() ? version : group + "/" + version;
        String prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        ObjectNode doc = json.createObjectNode();
        doc.put("openapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "kubelite " + gv);
        info.put("version", gv);
        doc.putArray("security").addObject().putArray("BearerToken");
        ObjectNode components = doc.putObject("components");
        ObjectNode schemaList = components.putObject("schemas");
        if (custom == null) {
            catalog.addSchemas(schemaList, types);
        }
        ObjectNode schemes = components.putObject("securitySchemes");
        ObjectNode bearer = schemes.putObject("BearerToken");
        bearer.put("type", "http");
        bearer.put("scheme", "bearer");
        bearer.put("description", "The token from your kubeconfig (.kubelite/kubeconfig)");
        ObjectNode paths = doc.putObject("paths");
        boolean strategic = custom == null;
        for (ResourceType t : types) {
            String base = t.namespaced() ? prefix + "/namespaces/{namespace}/" + t.resource() : prefix + "/" + t.resource();
            ObjectNode collection = paths.putObject(base);
            collection.set("get", op(t, "list", "list or watch objects of kind " + t.kind(), true, false, object()));
            collection.set("post", op(t, "create", "create a " + t.kind(), false, true, kindSchema(t)));
            collection.set("delete", op(t, "deletecollection", "delete a collection of " + t.kind(), true, false,
                    object()));
            params(collection, t.namespaced(), false);
            if (t.namespaced()) {
                ObjectNode all = paths.putObject(prefix + "/" + t.resource());
                all.set("get", op(t, "list", "list or watch objects of kind " + t.kind() + " in all namespaces", true, false,
                        object()));
            }
            ObjectNode item = paths.putObject(base + "/{name}");
            item.set("get", op(t, "get", "read the specified " + t.kind(), false, false, kindSchema(t)));
            item.set("put", op(t, "update", "replace the specified " + t.kind(), false, true, kindSchema(t)));
            item.set("patch", patchOp(t, "partially update the specified " + t.kind(), kindSchema(t), strategic));
            item.set("delete", op(t, "delete", "delete a " + t.kind(), false, true, object()));
            params(item, t.namespaced(), true);
            for (ResourceType.Subresource s : t.subresources()) {
                if (!DOCUMENTED_SUBRESOURCES.contains(s.name())) {
                    continue;
                }
                ObjectNode sub = paths.putObject(base + "/{name}/" + s.name());
                ObjectNode schema = s.name().equals("scale") ? object() : kindSchema(t);
                sub.set("get", op(t, "get", "read " + s.name() + " of the specified " + t.kind(), false, false, schema));
                sub.set("put", op(t, "update", "replace " + s.name() + " of the specified " + t.kind(), false, true,
                        schema));
                sub.set("patch", patchOp(t, "partially update " + s.name() + " of the specified " + t.kind(), schema,
                        strategic));
                params(sub, t.namespaced(), true);
            }
        }
        return doc;
    }

    private ObjectNode op(ResourceType t, String verb, String summary, boolean listParams, boolean body,
                          ObjectNode schema) {
        ObjectNode op = json.createObjectNode();
        op.put("summary", summary);
        op.put("operationId", verb + t.kind() + (t.group().isEmpty() ? "Core" : ""));
        op.putArray("tags").add(t.groupVersion() + " " + t.resource());
        op.put("x-kubernetes-action", verb.equals("list") ? "list" : verb.equals("create") ? "post"
                : verb.equals("update") ? "put" : verb);
        gvk(op, t);
        ArrayNode parameters = op.putArray("parameters");
        if (listParams) {
            for (String p : List.of("labelSelector", "fieldSelector", "limit", "continue", "resourceVersion",
                    "watch", "allowWatchBookmarks", "timeoutSeconds")) {
                query(parameters, p);
            }
        }
        if (body) {
            query(parameters, "dryRun");
            if (!verb.equals("delete")) {
                query(parameters, "fieldManager");
                query(parameters, "fieldValidation");
            } else {
                query(parameters, "gracePeriodSeconds");
                query(parameters, "propagationPolicy");
            }
            ObjectNode content = op.putObject("requestBody").putObject("content");
            content.putObject("application/json").set("schema", schema.deepCopy());
            content.putObject("application/yaml").set("schema", schema.deepCopy());
        }
        responses(op, schema);
        return op;
    }

    private ObjectNode patchOp(ResourceType t, String summary, ObjectNode schema, boolean strategic) {
        ObjectNode op = json.createObjectNode();
        op.put("summary", summary);
        op.put("operationId", "patch" + t.kind());
        op.putArray("tags").add(t.groupVersion() + " " + t.resource());
        op.put("x-kubernetes-action", "patch");
        gvk(op, t);
        ArrayNode parameters = op.putArray("parameters");
        for (String p : List.of("dryRun", "fieldManager", "fieldValidation", "force")) {
            query(parameters, p);
        }
        ObjectNode content = op.putObject("requestBody").putObject("content");
        for (String type : PATCH_TYPES) {
            if (!strategic && type.equals("application/strategic-merge-patch+json")) {
                continue;
            }
            content.putObject(type).putObject("schema").put("type", "object");
        }
        responses(op, schema);
        return op;
    }

    private void responses(ObjectNode op, ObjectNode schema) {
        ObjectNode responses = op.putObject("responses");
        responses.putObject("200").put("description", "OK")
                .putObject("content").putObject("application/json").set("schema", schema.deepCopy());
        responses.putObject("401").put("description", "Unauthorized");
    }

    /** A reference to the kind's component schema, or a plain object for kinds the catalog lacks. */
    private ObjectNode kindSchema(ResourceType t) {
        ObjectNode schema = json.createObjectNode();
        if (t.isCustom()) {
            return schema.put("$ref", "#/components/schemas/" + customSchemaName(t));
        }
        catalog.definitionName(t).ifPresentOrElse(name -> schema.put("$ref", "#/components/schemas/" + name),
                () -> schema.put("type", "object"));
        return schema;
    }

    private ObjectNode object() {
        return json.createObjectNode().put("type", "object");
    }

    private static void gvk(ObjectNode op, ResourceType t) {
        op.putObject("x-kubernetes-group-version-kind").put("group", t.group()).put("version", t.version())
                .put("kind", t.kind());
    }

    private static void query(ArrayNode parameters, String name) {
        ObjectNode p = parameters.addObject();
        p.put("name", name);
        p.put("in", "query");
        p.put("uniqueItems", true);
        p.putObject("schema").put("type", name.equals("limit") || name.equals("timeoutSeconds")
                || name.equals("gracePeriodSeconds") ? "integer" : name.equals("watch") || name.equals("force")
                || name.equals("allowWatchBookmarks") ? "boolean" : "string");
    }

    private static void params(ObjectNode path, boolean namespaced, boolean named) {
        ArrayNode parameters = path.putArray("parameters");
        if (named) {
            ObjectNode p = parameters.addObject();
            p.put("name", "name");
            p.put("in", "path");
            p.put("required", true);
            p.putObject("schema").put("type", "string");
        }
        if (namespaced) {
            ObjectNode p = parameters.addObject();
            p.put("name", "namespace");
            p.put("in", "path");
            p.put("required", true);
            p.putObject("schema").put("type", "string");
        }
    }
}
