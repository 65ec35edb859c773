package io.kubelite.controller.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubelite.controller.ObjectKey;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The informer's indexed store: objects by key, and for each named index a map from indexed
 * value to the keys of the objects that yield it. Readers (listers on reconciler threads) and
 * the one writer (the informer thread) are separated by a read-write lock.
 */
final class Cache<T extends HasMetadata> implements Lister<T> {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<ObjectKey, T> objects = new HashMap<>();
    private final Map<String, Function<? super T, Collection<String>>> indexers = new LinkedHashMap<>();
    private final Map<String, Map<String, Set<ObjectKey>>> indices = new HashMap<>();

    Cache() {
        addIndex(Indexes.NAMESPACE, Indexes::namespace);
        addIndex(Indexes.OWNER_UID, Indexes::ownerUids);
    }

    static ObjectKey keyOf(HasMetadata object) {
        String ns = object.getMetadata().getNamespace();
        return new ObjectKey(ns == null ? "" : ns, object.getMetadata().getName());
    }

    void addIndex(String name, Function<? super T, Collection<String>> indexer) {
        lock.writeLock().lock();
        try {
            if (indexers.containsKey(name)) {
                throw new IllegalArgumentException("index " + name + " already exists");
            }
            indexers.put(name, indexer);
            Map<String, Set<ObjectKey>> index = new HashMap<>();
            indices.put(name, index);
            objects.forEach((key, object) -> addToIndex(index, indexer, key, object));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Stores {@code object}; returns the object it replaced, or null. */
    T put(T object) {
        ObjectKey key = keyOf(object);
        lock.writeLock().lock();
        try {
            T old = objects.put(key, object);
            if (old != null) {
                removeFromIndices(key, old);
            }
            indexers.forEach((name, indexer) -> addToIndex(indices.get(name), indexer, key, object));
            return old;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes the object under {@code key}; returns it, or null. */
    T remove(ObjectKey key) {
        lock.writeLock().lock();
        try {
            T old = objects.remove(key);
            if (old != null) {
                removeFromIndices(key, old);
            }
            return old;
        } finally {
            lock.writeLock().unlock();
        }
    }

    Set<ObjectKey> keys() {
        lock.readLock().lock();
        try {
            return new HashSet<>(objects.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    int size() {
        lock.readLock().lock();
        try {
            return objects.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Optional<T> get(ObjectKey key) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(objects.get(key));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<T> list() {
        lock.readLock().lock();
        try {
            return new ArrayList<>(objects.values());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<T> list(String namespace) {
        return byIndex(Indexes.NAMESPACE, namespace);
    }

    @Override
    public List<T> byIndex(String indexName, String value) {
        lock.readLock().lock();
        try {
            Map<String, Set<ObjectKey>> index = indices.get(indexName);
            if (index == null) {
                throw new IllegalArgumentException("no index named " + indexName + "; indices: " + indices.keySet());
            }
            Set<ObjectKey> keys = index.getOrDefault(value, Set.of());
            List<T> result = new ArrayList<>(keys.size());
            for (ObjectKey key : keys) {
                result.add(objects.get(key));
            }
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    private void addToIndex(Map<String, Set<ObjectKey>> index, Function<? super T, Collection<String>> indexer,
            ObjectKey key, T object) {
        for (String value : indexer.apply(object)) {
            index.computeIfAbsent(value, v -> new HashSet<>()).add(key);
        }
    }

    private void removeFromIndices(ObjectKey key, T old) {
        indexers.forEach((name, indexer) -> {
            Map<String, Set<ObjectKey>> index = indices.get(name);
            for (String value : indexer.apply(old)) {
                Set<ObjectKey> keys = index.get(value);
                if (keys != null) {
                    keys.remove(key);
                    if (keys.isEmpty()) {
                        index.remove(value);
                    }
                }
            }
        });
    }
}
