package io.kubelite.objectstore.relay;

import java.time.Instant;

/**
 * What this replica's relay is doing.
 *
 * @param role             disabled, standby (another replica holds the lock, or the database is unreachable) or active
 * @param publishedThrough the last resourceVersion this replica saw acknowledged (0 before it was first active)
 * @param sendingSince     when the batch now waiting for Kafka was sent; null when none is waiting
 * @param lastError        why the last attempt failed; null after a success
 */
record RelayState(Role role, long publishedThrough, Instant sendingSince, String lastError) {

    enum Role {
        DISABLED, STANDBY, ACTIVE
    }
}
