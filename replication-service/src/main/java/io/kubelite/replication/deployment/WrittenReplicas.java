package io.kubelite.replication.deployment;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The spec.replicas this controller last wrote to each ReplicaSet, until the cache has caught
 * up. Without it, a sync that runs before the cache shows the last scale-down would count the
 * old pods again and scale down once more, breaking the maxUnavailable bound. Example: old RS
 * scaled 10 → 8 at rv 500; the cache still holds rv 480 with 10 → the rollout math reads 8.
 */
final class WrittenReplicas {

    private record Written(long resourceVersion, int replicas) {
    }

    private final Map<String, Written> byUid = new ConcurrentHashMap<>();

    void remember(ReplicaSet written) {
        byUid.put(written.getMetadata().getUid(),
                new Written(rv(written), written.getSpec().getReplicas() == null ? 1 : written.getSpec().getReplicas()));
    }

    /** spec.replicas of the cached {@code rs}, or what was written after the cached version. */
    int specReplicas(ReplicaSet rs) {
        int cached = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
        Written w = byUid.get(rs.getMetadata().getUid());
        if (w == null) {
            return cached;
        }
        if (rv(rs) >= w.resourceVersion()) {
            byUid.remove(rs.getMetadata().getUid(), w);
            return cached;
        }
        return w.replicas();
    }

    void forget(String uid) {
        byUid.remove(uid);
    }

    private static long rv(ReplicaSet rs) {
        String rv = rs.getMetadata().getResourceVersion();
        try {
            return rv == null ? 0 : Long.parseLong(rv);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
