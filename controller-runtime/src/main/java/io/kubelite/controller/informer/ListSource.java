package io.kubelite.controller.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;

/** Where an informer's initial state comes from: a LIST through the API. */
public interface ListSource<T extends HasMetadata> {

    /**
     * @return every object (matching the informer's field selector), and the resourceVersion
     *         the list is at least as new as
     */
    Snapshot<T> list();

    record Snapshot<T>(List<T> items, long resourceVersion) {
        public Snapshot {
            items = List.copyOf(items);
        }
    }
}
