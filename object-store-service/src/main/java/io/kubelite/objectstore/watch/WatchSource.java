package io.kubelite.objectstore.watch;

import io.kubelite.objectstore.storage.Change;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/** What a watch reads: the current state, the change log, and the commit signal. */
public interface WatchSource {

    /** The watch asked for changes that were compacted away: the client must list again (410). */
    final class Expired extends RuntimeException {
        public Expired() {
            super(null, null, false, false);
        }
    }

    public record Snapshot(List<ObjectNode> objects, long resourceVersion) {
    }

    /** The objects that currently match (already in the client's version). */
    Snapshot snapshot();

    /**
     * Up to {@code limit} changes after {@code resourceVersion}, oldest first.
     *
     * @throws Expired when the changes right after {@code resourceVersion} are no longer kept
     */
    List<Change> changesAfter(long resourceVersion, int limit);

    /** Converts a stored object to the client's version. */
    ObjectNode convert(ObjectNode stored);

    /** Every change up to this resourceVersion can be read with {@link #changesAfter}. */
    long latestResourceVersion();

    /** True once the server is shutting down: streams end so the server can stop. */
    boolean closed();

    long signalled();

    void awaitNewerThan(long seen, long timeoutMillis) throws InterruptedException;
}
