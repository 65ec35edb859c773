package io.kubelite.objectstore.relay;

import java.time.Duration;

/**
 * How far Kafka is behind the change log, e.g. latest 5200 and published 4700 is a lag of 500
 * resourceVersions (rolled-back commits leave gaps, so the number of unpublished changes can be
 * smaller).
 *
 * @param oldestUnpublishedAge how long the oldest unpublished change has been committed; zero when none is waiting
 */
record RelayLag(long latestResourceVersion, long publishedThrough, Duration oldestUnpublishedAge) {

    long resourceVersions() {
        return Math.max(0, latestResourceVersion - publishedThrough);
    }
}
