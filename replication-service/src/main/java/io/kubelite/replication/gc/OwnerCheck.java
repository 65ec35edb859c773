package io.kubelite.replication.gc;

import io.fabric8.kubernetes.api.model.OwnerReference;

import java.util.List;

/**
 * What the garbage collector does with one dependent, from which of its owners still exist
 * (Kubernetes' {@code attemptToDeleteItem}, without blockOwnerDeletion waits):
 * <ul>
 *   <li>no owners → nothing;</li>
 *   <li>at least one owner exists → keep it, and drop the references to owners that are gone;</li>
 *   <li>every owner is gone → delete it (Background propagation).</li>
 * </ul>
 * Example: a pod owned by ReplicaSet uid A (deleted) and ConfigMap uid B (present) → keep,
 * remove the reference to A.
 */
public final class OwnerCheck {

    public sealed interface Verdict permits Keep, DropReferences, Delete {
    }

    public record Keep() implements Verdict {
    }

    public record DropReferences(List<String> goneUids) implements Verdict {
    }

    public record Delete() implements Verdict {
    }

    /** Tells whether the owner a reference points to still exists (same uid). */
    @FunctionalInterface
    public interface Owners {
        boolean exists(OwnerReference ref);
    }

    private OwnerCheck() {
    }

    public static Verdict decide(List<OwnerReference> refs, Owners owners) {
        if (refs == null || refs.isEmpty()) {
            return new Keep();
        }
        List<String> gone = refs.stream().filter(r -> !owners.exists(r)).map(OwnerReference::getUid).toList();
        if (gone.isEmpty()) {
            return new Keep();
        }
        if (gone.size() == refs.size()) {
            return new Delete();
        }
        return new DropReferences(gone);
    }
}
