package io.kubelite.objectstore.rest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The metadata the server owns: uid, timestamps, generation (names from generateName: {@link NameGenerator}). */
final class ObjectMetadata {

    private ObjectMetadata() {
    }

    static ObjectNode meta(ObjectNode body) {
        return body.get("metadata") instanceof ObjectNode m ? m : body.putObject("metadata");
    }

    static String name(ObjectNode body) {
        return body.path("metadata").path("name").asString("");
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * The prefix to generate this create's name from: {@code generateName} when no name is given,
     * else empty.
     */
    static String generateNamePrefix(ObjectNode body) {
        JsonNode meta = body.path("metadata");
        return meta.path("name").asString("").isEmpty() ? meta.path("generateName").asString("") : "";
    }

    /** Fills in what a create sets: uid, creationTimestamp, generation. */
    static void prepareCreate(ObjectNode body, boolean tracksGeneration) {
        ObjectNode meta = meta(body);
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", now());
        meta.remove("resourceVersion");
        meta.remove("deletionTimestamp");
        meta.remove("deletionGracePeriodSeconds");
        meta.remove("selfLink");
        if (tracksGeneration) {
            meta.put("generation", 1);
        } else {
            meta.remove("generation");
        }
    }

    /**
     * Carries the server-owned fields of {@code old} into {@code updated} and moves
     * {@code generation} on when anything outside metadata and status changed.
     */
    static void prepareUpdate(ObjectNode updated, ObjectNode old, boolean tracksGeneration) {
        ObjectNode meta = meta(updated);
        JsonNode oldMeta = old.path("metadata");
        for (String field : new String[]{"uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds"}) {
            if (oldMeta.has(field)) {
                meta.set(field, oldMeta.get(field).deepCopy());
            } else {
                meta.remove(field);
            }
        }
        meta.remove("selfLink");
        if (tracksGeneration) {
            long generation = oldMeta.path("generation").asLong(1);
            meta.put("generation", specChanged(updated, old) ? generation + 1 : generation);
        }
    }

    static boolean specChanged(ObjectNode a, ObjectNode b) {
        ObjectNode x = a.deepCopy();
        ObjectNode y = b.deepCopy();
        for (ObjectNode n : new ObjectNode[]{x, y}) {
            n.remove("metadata");
            n.remove("status");
            n.remove("apiVersion");
            n.remove("kind");
        }
        return !x.equals(y);
    }
}
