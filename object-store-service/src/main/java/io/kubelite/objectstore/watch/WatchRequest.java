package io.kubelite.objectstore.watch;

import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * A watch as the client asked for it. {@code namespace} null watches every namespace;
 * {@code render} turns an object into what each event carries (the object, or a one-row Table).
 */
record WatchRequest(String namespace, boolean sendInitialState, long startResourceVersion, Duration timeout,
                    boolean bookmarks, Predicate<ObjectNode> matches, Function<ObjectNode, ObjectNode> render,
                    LongFunction<ObjectNode> bookmark) {

    boolean inNamespace(String objectNamespace) {
        return namespace == null || namespace.equals(objectNamespace);
    }
}
