package io.kubelite.objectstore.watch;

import io.kubelite.objectstore.storage.Change;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/** What a watch reads: the current state, the change log, and the commit signal. */
public interface WatchSource {

    public record Snapshot(List<ObjectNode> objects, long resourceVersion) {
    }

    /** The objects that currently match (already in the client's version). */
    Snapshot snapshot();

    List<Change> changesAfter(long resourceVersion, int limit);

    /** Converts a stored object to the client's version. */
    ObjectNode convert(ObjectNode stored);

    long latestResourceVersion();

    long compactedThrough();

    /** True once the server is shutting down: streams end so the server can stop. */
    boolean closed();

    long signalled();

    void awaitNewerThan(long seen, long timeoutMillis) throws InterruptedException;
}
