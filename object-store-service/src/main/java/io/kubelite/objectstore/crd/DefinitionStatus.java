package io.kubelite.objectstore.crd;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The status kube-apiserver's CRD controllers give a definition, written here with the definition
 * itself (this server starts serving a definition as soon as it is stored): {@code acceptedNames} =
 * the requested names, {@code NamesAccepted} and {@code Established} true, and {@code storedVersions}
 * growing by the storage version. Example: a new {@code crontabs.stable.example.com} with storage
 * version v1 gets {@code storedVersions: [v1]}; switching storage to v2 later gives {@code [v1, v2]}
 * (objects may still be stored in v1). The finalizer {@link DefinitionCleanup#FINALIZER} is added
 * (unless the definition is being deleted), as kube's finalizer controller adds it.
 */
public final class DefinitionStatus {

    private DefinitionStatus() {
    }

    private static String now() {
        return java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    public static void fill(ObjectNode crd) {
        JsonNode spec = crd.path("spec");
        if (crd.path("metadata") instanceof ObjectNode meta && !meta.hasNonNull("deletionTimestamp")) {
            ArrayNode finalizers = meta.get("finalizers") instanceof ArrayNode a ? a : meta.putArray("finalizers");
            boolean present = false;
            for (JsonNode f : finalizers) {
                present |= DefinitionCleanup.FINALIZER.equals(f.asString(""));
            }
            if (!present) {
                finalizers.add(DefinitionCleanup.FINALIZER);
            }
        }
        ObjectNode status = crd.get("status") instanceof ObjectNode s ? s : crd.putObject("status");
        ObjectNode accepted = status.putObject("acceptedNames");
        JsonNode names = spec.path("names");
        for (String field : new String[]{"plural", "singular", "shortNames", "kind", "listKind", "categories"}) {
            if (names.has(field)) {
                accepted.set(field, names.get(field).deepCopy());
            }
        }
        condition(status, "NamesAccepted", "NoConflicts", "no conflicts found");
        condition(status, "Established", "InitialNamesAccepted", "the initial names have been accepted");
        Set<String> stored = new LinkedHashSet<>();
        status.path("storedVersions").forEach(v -> stored.add(v.asString("")));
        for (JsonNode v : spec.path("versions")) {
            if (v.path("storage").asBoolean(false)) {
                stored.add(v.path("name").asString(""));
            }
        }
        ArrayNode versions = status.putArray("storedVersions");
        stored.forEach(versions::add);
    }

    /** Sets a True condition, keeping its transition time when it already was True. */
    private static void condition(ObjectNode status, String type, String reason, String message) {
        ArrayNode conditions = status.get("conditions") instanceof ArrayNode a ? a : status.putArray("conditions");
        for (JsonNode c : conditions) {
            if (type.equals(c.path("type").asString("")) && c instanceof ObjectNode existing) {
                if (!"True".equals(existing.path("status").asString(""))) {
                    existing.put("status", "True");
                    existing.put("lastTransitionTime", now());
                }
                existing.put("reason", reason);
                existing.put("message", message);
                return;
            }
        }
        ObjectNode c = conditions.addObject();
        c.put("type", type);
        c.put("status", "True");
        c.put("lastTransitionTime", now());
        c.put("reason", reason);
        c.put("message", message);
    }
}
