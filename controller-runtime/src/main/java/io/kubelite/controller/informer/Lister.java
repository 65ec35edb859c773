package io.kubelite.controller.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubelite.controller.ObjectKey;

import java.util.List;
import java.util.Optional;

/**
 * Read access to an informer's cache. Objects returned are the cache's own instances: treat
 * them as read-only and copy before changing (fabric8 builders: {@code new PodBuilder(pod)}).
 */
public interface Lister<T extends HasMetadata> {

    Optional<T> get(ObjectKey key);

    List<T> list();

    List<T> list(String namespace);

    /** Objects whose index {@code indexName} yields {@code value}; see {@link Indexes}. */
    List<T> byIndex(String indexName, String value);
}
