package io.kubelite.objectstore.storage;

import tools.jackson.databind.node.ObjectNode;

/** An object as stored: its key, its database id, the resourceVersion it was written at, and its body. */
public record StoredObject(long id, String resource, String namespace, String name, String uid,
                           long resourceVersion, ObjectNode body) {
}
