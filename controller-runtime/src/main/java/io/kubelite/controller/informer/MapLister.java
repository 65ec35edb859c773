package io.kubelite.controller.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubelite.controller.ObjectKey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A cache for unit tests (as {@link io.kubelite.controller.events.RecordingEventRecorder} is an event recorder for them): objects by key, with the namespace, owner-uid and node-name indexes informers have. */
public final class MapLister<T extends HasMetadata> implements Lister<T> {

    private final Map<ObjectKey, T> objects = new LinkedHashMap<>();

    public void put(T object) {
        objects.put(key(object), object);
    }

    public void remove(T object) {
        objects.remove(key(object));
    }

    private static ObjectKey key(HasMetadata o) {
        return ObjectKey.of(o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace(),
                o.getMetadata().getName());
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
        return objects.values().stream().filter(o -> namespace.equals(o.getMetadata().getNamespace())).toList();
    }

    @Override
    public List<T> byIndex(String indexName, String value) {
        if (indexName.equals(Indexes.NAMESPACE)) {
            return list(value);
        }
        if (indexName.equals(Indexes.NODE_NAME)) {
            return objects.values().stream().filter(o -> o instanceof Pod pod && Indexes.nodeName(pod).contains(value)).toList();
        }
        if (indexName.equals(Indexes.OWNER_UID)) {
            return objects.values().stream().filter(o -> o.getMetadata().getOwnerReferences() != null
                    && o.getMetadata().getOwnerReferences().stream().map(OwnerReference::getUid).anyMatch(value::equals))
                    .toList();
        }
        throw new IllegalArgumentException("no index " + indexName);
    }
}
