package io.kubelite.objectstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Tuning of the API server's storage.
 *
 * @param maxRequestBytes       largest request body accepted (kube-apiserver: 3 MiB)
 * @param changeRetention       change-log rows older than this are compacted (watches from before get 410)
 * @param changeRetentionMinRows at least this many of the newest change-log rows are always kept
 * @param compactionInterval    how often compaction runs
 * @param watchCacheCapacity    changes per resource kept in memory for watches (older ones are read from the log)
 * @param watchCacheLinger      after reading every change there was, how long the watch cache lets new commits
 *                              gather before it reads again; zero reads at once
 */
@ConfigurationProperties("kubelite.store")
public record StoreProperties(
        @DefaultValue("3145728") long maxRequestBytes,
        @DefaultValue("15m") Duration changeRetention,
        @DefaultValue("10000") int changeRetentionMinRows,
        @DefaultValue("60s") Duration compactionInterval,
        @DefaultValue("1000") int watchCacheCapacity,
        @DefaultValue("5ms") Duration watchCacheLinger) {

    public StoreProperties {
        if (watchCacheLinger == null || watchCacheLinger.isNegative()) {
            throw new IllegalArgumentException("kubelite.store.watch-cache-linger must be zero or positive, got "
                    + watchCacheLinger);
        }
    }
}
