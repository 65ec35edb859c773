package io.kubelite.objectstore.storage;

import io.kubelite.objectstore.StoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Compacts the change log on a schedule; watchers behind the compaction point get 410 and relist. */
@Component
class ChangeLogCompactor {

    private static final Logger log = LoggerFactory.getLogger(ChangeLogCompactor.class);

    private final ObjectStore store;
    private final StoreProperties properties;
    private final ObjectProvider<CompactionBarrier> barriers;

    ChangeLogCompactor(ObjectStore store, StoreProperties properties, ObjectProvider<CompactionBarrier> barriers) {
        this.store = store;
        this.properties = properties;
        this.barriers = barriers;
    }

    @Scheduled(fixedDelayString = "${kubelite.store.compaction-interval:60s}", initialDelayString = "${kubelite.store.compaction-interval:60s}")
    void compact() {
        long through = barriers.orderedStream().mapToLong(CompactionBarrier::compactableThrough).min()
                .orElse(Long.MAX_VALUE);
        int removed = store.compact(properties.changeRetention(), properties.changeRetentionMinRows(), through);
        if (removed > 0) {
            log.info("compacted {} change-log rows", removed);
        }
    }
}
