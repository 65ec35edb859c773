package io.kubelite.machinery.managedfields;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An apply refused because it would change fields other managers own, worded as kube-apiserver
 * words it: {@code Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale"
 * using apps/v1: .spec.replicas}.
 */
public final class ApplyConflict extends RuntimeException {

    /** One field (its path elements) and the entry that owns it. */
    public record Conflict(ManagedFieldsEntry owner, List<String> elements) {

        /** The field as Kubernetes prints it: {@code .spec.replicas}. */
        public String path() {
            return FieldSet.render(elements);
        }

        /** {@code "kubectl" with subresource "scale" using apps/v1}: an applier is named without version. */
        public String ownerDescription() {
            String name = "\"" + owner.manager() + "\"";
            if (!owner.subresource().isEmpty()) {
                name += " with subresource \"" + owner.subresource() + "\"";
            }
            return owner.operation().equals(ManagedFieldsEntry.UPDATE) ? name + " using " + owner.apiVersion() : name;
        }
    }

    private final List<Conflict> conflicts;

    ApplyConflict(List<Conflict> conflicts) {
        super(message(conflicts));
        this.conflicts = List.copyOf(conflicts);
    }

    public List<Conflict> conflicts() {
        return conflicts;
    }

    /** The conflicts on fields outside {@code allowed}, none if every one is inside. */
    List<Conflict> outside(FieldSet allowed) {
        return conflicts.stream().filter(c -> !allowed.contains(c.elements())).toList();
    }

    private static String message(List<Conflict> conflicts) {
        if (conflicts.size() == 1) {
            Conflict c = conflicts.get(0);
            return "Apply failed with 1 conflict: conflict with " + c.ownerDescription() + ": " + c.path();
        }
        Map<String, List<String>> byOwner = new TreeMap<>();
        for (Conflict c : conflicts) {
            byOwner.computeIfAbsent(c.ownerDescription(), o -> new ArrayList<>()).add(c.path());
        }
        List<String> lines = new ArrayList<>();
        byOwner.forEach((owner, paths) -> {
            lines.add("conflicts with " + owner + ":");
            paths.forEach(p -> lines.add("- " + p));
        });
        return "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
    }
}
