package io.kubelite.objectstore.storage;

import io.kubelite.objectstore.StoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Compacts the change log on a schedule; watchers behind the compaction point get 410 and relist. */
@Component
class ChangeLogCompactor {

    private static final Logger log = LoggerFactory.getLogger(ChangeLogCompactor.class);

    private final ObjectStore store;
    private final StoreProperties properties;

    ChangeLogCompactor(ObjectStore store, StoreProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${kubelite.store.compaction-interval:60s}", initialDelayString = "${kubelite.store.compaction-interval:60s}")
    void compact() {
        int removed = store.compact(properties.changeRetention(), properties.changeRetentionMinRows());
        if (removed > 0) {
            log.info("compacted {} change-log rows", removed);
        }
    }
}
