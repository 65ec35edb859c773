package io.kubelite.machinery.managedfields;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What kube-apiserver does for {@code kubectl apply --server-side} (manager {@code kubectl}) on
 * an object that {@code kubectl apply} managed client-side, so that switching costs no conflicts
 * and switching back still works:
 * <ul>
 *   <li>a conflict is overridden on a field the {@code last-applied-configuration} annotation sets
 *       to the value the object has — kubectl applied it, only the other way;</li>
 *   <li>after the apply the annotation holds the applied configuration, when the object has one.</li>
 * </ul>
 * Any other manager is an ordinary apply: the upgrade is kubectl's, as in Kubernetes.
 */
public final class ClientSideApplyUpgrade {

    public static final String MANAGER = "kubectl";
    public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private ClientSideApplyUpgrade() {
    }

    /** {@link FieldManager#apply} with the upgrade when the writer is {@code kubectl}. */
    public static FieldManager.Applied apply(List<ManagedFieldsEntry> entries, JsonNode live, JsonNode config,
                                             Shape shape, FieldManager.Tracked tracked, FieldManager.Writer writer,
                                             boolean force) {
        if (!writer.manager().equals(MANAGER)) {
            return FieldManager.apply(entries, live, config, shape, tracked, writer, force);
        }
        FieldManager.Applied applied;
        try {
            applied = FieldManager.apply(entries, live, config, shape, tracked, writer, force);
        } catch (ApplyConflict conflict) {
            JsonNode lastApplied = lastApplied(live);
            if (lastApplied == null) {
                throw conflict;
            }
            List<ApplyConflict.Conflict> remaining = conflict.outside(allowed(lastApplied, live, shape, tracked));
            if (!remaining.isEmpty()) {
                throw new ApplyConflict(remaining);
            }
            applied = FieldManager.apply(entries, live, config, shape, tracked, writer, true);
        }
        if (annotations(applied.object()) instanceof ObjectNode annotations && annotations.has(LAST_APPLIED)) {
            ObjectNode recorded = ((ObjectNode) config).deepCopy();
            if (recorded.path("metadata").path("annotations") instanceof ObjectNode own) {
                own.remove(LAST_APPLIED);
                if (own.isEmpty()) {
                    ((ObjectNode) recorded.get("metadata")).remove("annotations");
                }
            }
            annotations.put(LAST_APPLIED, recorded.toString());
        }
        return applied;
    }

    /**
     * The fields the annotation's configuration sets to the value the object has: kube-apiserver's
     * {@code allowedConflictsFromLastApplied}.
     */
    static FieldSet allowed(JsonNode lastApplied, JsonNode live, Shape shape, FieldManager.Tracked tracked) {
        JsonNode configured = FieldManager.view(lastApplied, tracked);
        Fields.Comparison differences = Fields.compare(configured, FieldManager.view(live, tracked), shape);
        return Fields.of(configured, shape).difference(differences.modified()).difference(differences.added())
                .difference(differences.removed());
    }

    private static JsonNode lastApplied(JsonNode live) {
        String text = live.path("metadata").path("annotations").path(LAST_APPLIED).asString("");
        if (text.isEmpty()) {
            return null;
        }
        try {
            JsonNode parsed = PathElements.JSON.readTree(text);
            return parsed.isObject() ? parsed : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static JsonNode annotations(JsonNode object) {
        return object.path("metadata").path("annotations");
    }
}
