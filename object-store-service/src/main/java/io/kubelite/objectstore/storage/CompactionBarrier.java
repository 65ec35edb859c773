package io.kubelite.objectstore.storage;

/**
 * A reader of the change log that compaction must not overtake, such as the Kafka relay: rows it
 * has not consumed yet stay, whatever their age.
 */
public interface CompactionBarrier {

    /** The highest resourceVersion compaction may delete; {@link Long#MAX_VALUE} holds nothing back. */
    long compactableThrough();
}
