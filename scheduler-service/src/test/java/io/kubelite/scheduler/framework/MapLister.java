package io.kubelite.scheduler.framework;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.Indexes;
import io.kubelite.controller.informer.Lister;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An informer cache stand-in for unit tests (pods can be listed by the node-name index). */
public final class MapLister<T extends HasMetadata> implements Lister<T> {

    private final Map<ObjectKey, T> objects = new LinkedHashMap<>();

    public void put(T object) {
        String ns = object.getMetadata().getNamespace();
        objects.put(new ObjectKey(ns == null ? "" : ns, object.getMetadata().getName()), object);
    }

    @Override
    public Optional<T> get(ObjectKey key) {
        return Optional.ofNullable(objects.get(key));
    }

    @Override
    public List<T> list() {
        return new ArrayList<>(objects.values());
    }

    @Override
    public List<T> list(String namespace) {
        return list().stream().filter(o -> namespace.equals(o.getMetadata().getNamespace())).toList();
    }

    @Override
    public List<T> byIndex(String indexName, String value) {
        if (!Indexes.NODE_NAME.equals(indexName)) {
            throw new UnsupportedOperationException(indexName);
        }
        return list().stream().filter(o -> o instanceof Pod pod && Indexes.nodeName(pod).contains(value)).toList();
    }
}
