package io.kubelite.objectstore.storage;

import tools.jackson.databind.node.ObjectNode;

/**
 * One object write inside a commit. Updates and deletes name the resourceVersion they were
 * computed from; if the row moved on in the meantime the whole commit fails with
 * {@link StaleWriteException} and the caller decides whether to retry or answer 409.
 */
public sealed interface Mutation {

    String resource();

    ObjectNode body();

    record Create(String resource, ObjectNode body) implements Mutation {
    }

    record Update(String resource, long id, long expectedResourceVersion, ObjectNode body) implements Mutation {
    }

    record Delete(String resource, long id, long expectedResourceVersion, ObjectNode body) implements Mutation {
    }
}
