package io.kubelite.objectstore.storage;

import tools.jackson.databind.node.ObjectNode;

/** One change-log entry, decoded. */
public record Change(long resourceVersion, String resource, String namespace, String name, String type,
                     ObjectNode object) {
}
