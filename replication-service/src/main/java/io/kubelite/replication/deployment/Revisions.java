package io.kubelite.replication.deployment;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Collection;
import java.util.Map;

/**
 * {@code deployment.kubernetes.io/revision}: each ReplicaSet of a Deployment carries the
 * revision it was last rolled out as; the new one always has the highest. A rollback makes an
 * old ReplicaSet new again with max+1. Example: RSs at revisions 1 and 2, undo to 1 → the first
 * RS becomes revision 3 and {@code kubectl rollout history} lists 2 and 3.
 */
public final class Revisions {

    public static final String ANNOTATION = "deployment.kubernetes.io/revision";

    private Revisions() {
    }

    public static long of(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(ANNOTATION);
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public static long max(Collection<? extends HasMetadata> objects) {
        return objects.stream().mapToLong(Revisions::of).max().orElse(0);
    }
}
