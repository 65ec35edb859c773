package io.kubelite.objectstore.rest;

import io.kubelite.machinery.managedfields.ApplyConflict;
import io.kubelite.machinery.managedfields.ClientSideApplyUpgrade;
import io.kubelite.machinery.managedfields.FieldManager;
import io.kubelite.machinery.managedfields.Fields;
import io.kubelite.machinery.managedfields.FieldManager.Tracked;
import io.kubelite.machinery.managedfields.ManagedFieldsEntry;
import io.kubelite.machinery.managedfields.Shape;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.openapi.ModelCatalog;
import io.kubelite.objectstore.resource.ResourceType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Keeps {@code metadata.managedFields}: records the manager of every create, update and patch,
 * and runs server-side apply (merge, removal of what an applier stopped applying, conflicts, and
 * kubectl's upgrade from client-side apply).
 * The kind's fields come from the OpenAPI models ({@link ModelCatalog#applyShape}).
 */
@Component
class FieldOwnership {

    /** Kubernetes' {@code FieldManagerMaxLength}. */
    static final int MAX_MANAGER_LENGTH = 128;

    private final ModelCatalog schemas;

    FieldOwnership(ModelCatalog schemas) {
        this.schemas = schemas;
    }

    /**
     * Checks a request's {@code fieldManager} and {@code force} as kube-apiserver validates its
     * Create/Update/PatchOptions, answering 422 naming the option.
     */
    static void checkOptions(String optionsKind, String fieldManager, boolean apply, boolean forceGiven) {
        String manager = fieldManager == null ? "" : fieldManager;
        ApiException.Cause cause = null;
        if (apply && manager.isEmpty()) {
            cause = new ApiException.Cause("FieldValueRequired", "Required value: is required for apply patch", "fieldManager");
        } else if (!apply && forceGiven) {
            cause = new ApiException.Cause("FieldValueForbidden", "Forbidden: may not be specified for non-apply patch", "force");
        } else if (manager.length() > MAX_MANAGER_LENGTH) {
            cause = new ApiException.Cause("FieldValueTooLong", "Too long: may not be more than "
                    + MAX_MANAGER_LENGTH + " bytes", "fieldManager");
        } else if (!manager.chars().allMatch(c -> c >= 0x20 && c != 0x7f)) {
            cause = new ApiException.Cause("FieldValueInvalid", "Invalid value: \"" + manager
                    + "\": must only contain printable characters", "fieldManager");
        }
        if (cause != null) {
            throw ApiException.invalid("meta.k8s.io", optionsKind, "", List.of(cause));
        }
    }

    /**
     * Sets the entries of a new object: those it came with (a restored backup), plus its creator
     * owning every field of {@code owned} (what it sent, defaulted), or the apply's entries when it
     * was created by an apply.
     */
    void recordCreate(ResourceType storage, String apiVersion, ObjectNode object, ObjectNode owned,
                      WriteOptions options, List<ManagedFieldsEntry> applied) {
        List<ManagedFieldsEntry> entries = applied != null ? applied : FieldManager.update(
                decode(storage, object), JsonNodeFactory.instance.objectNode(), owned, shape(storage),
                tracked(storage, Scope.OBJECT), writer(options, apiVersion));
        store(object, entries);
    }

    /**
     * Sets the entries of an updated object: those the request sent, else the stored ones, moved
     * to the request's manager for every field it changed. Writes the server makes for itself
     * (binding) change no entries.
     */
    void recordUpdate(ResourceType storage, String apiVersion, ObjectNode old, ObjectNode object, WriteOptions options,
                      Scope scope) {
        JsonNode sentEntries = object.path("metadata").get("managedFields");
        boolean sent = sentEntries != null && !sentEntries.isNull() && !sentEntries.isEmpty();
        Fields.Comparison change = scope == Scope.ALL ? null
                : FieldManager.changes(old, object, shape(storage), tracked(storage, scope));
        if (change == null || change.isSame()) {
            // nothing owned changed (a binding, a no-op): the entries stay as stored, or as a client
            // sent them, which are checked
            JsonNode stored = old.path("metadata").get("managedFields");
            if (!sent) {
                attach(object, stored);
            } else if (!sentEntries.equals(stored)) {
                decode(storage, object);
            }
            return;
        }
        List<ManagedFieldsEntry> base = sent ? decode(storage, object) : decode(storage, old);
        store(object, FieldManager.update(base, change, writer(options, apiVersion)));
    }

    /**
     * Server-side apply of {@code config} onto {@code live} (null when the object does not exist):
     * the merged object (its {@code managedFields} not yet set) and its entries, or 409 listing
     * the fields other managers own.
     */
    FieldManager.Applied apply(ResourceType type, ResourceType storage, ObjectNode live, ObjectNode config,
                               WriteOptions options, Scope scope) {
        JsonNode sentEntries = config.path("metadata").get("managedFields");
        if (sentEntries != null && !sentEntries.isNull()) {
            throw ApiException.badRequest("metadata.managedFields must be nil");
        }
        Tracked tracked = tracked(storage, scope);
        ObjectNode applied = config.deepCopy();
        if (tracked == Tracked.WITHOUT_STATUS) {
            applied.remove("status");
        }
        ObjectNode base = live == null ? JsonNodeFactory.instance.objectNode() : live;
        List<ManagedFieldsEntry> entries = live == null ? List.of() : decode(storage, live);
        try {
            return ClientSideApplyUpgrade.apply(entries, base, applied, shape(type), tracked,
                    writer(options, type.apiVersion()), options.force());
        } catch (ApplyConflict conflict) {
            List<ApiException.Cause> causes = conflict.conflicts().stream()
                    .map(c -> new ApiException.Cause("FieldManagerConflict", "conflict with " + c.ownerDescription(), c.path()))
                    .toList();
            throw new ApiException(409, "Conflict", conflict.getMessage(), null, null, null, causes);
        }
    }

    private static List<ManagedFieldsEntry> decode(ResourceType storage, ObjectNode object) {
        try {
            return ManagedFieldsEntry.decode(object.path("metadata").get("managedFields"));
        } catch (ManagedFieldsEntry.InvalidManagedFields e) {
            throw ApiException.invalid(storage.group(), storage.kind(), ObjectMetadata.name(object), List.of(
                    new ApiException.Cause("FieldValueInvalid", e.getMessage(), e.field())));
        }
    }

    /**
     * Takes {@code metadata.managedFields} out of a body before admission, which has no use for
     * them: decoding them into typed entries and back took the object store from 3 010–3 297 to
     * 2 256–2 663 writes/s (docs/PERFORMANCE.md, "Ninth measurement"). {@link #attach} puts them
     * back; they are checked when read ({@link ManagedFieldsEntry#decode}).
     */
    static JsonNode detach(ObjectNode body) {
        return body.path("metadata") instanceof ObjectNode meta ? meta.remove("managedFields") : null;
    }

    static ObjectNode attach(ObjectNode body, JsonNode entries) {
        if (entries != null) {
            ObjectMetadata.meta(body).set("managedFields", entries);
        }
        return body;
    }

    /** Writes {@code entries} into the object's {@code metadata.managedFields}, none as no field. */
    static void store(ObjectNode object, List<ManagedFieldsEntry> entries) {
        ObjectNode meta = ObjectMetadata.meta(object);
        if (entries.isEmpty()) {
            meta.remove("managedFields");
        } else {
            meta.set("managedFields", ManagedFieldsEntry.encode(entries));
        }
    }

    private Shape shape(ResourceType type) {
        return schemas.applyShape(type);
    }

    private static Tracked tracked(ResourceType storage, Scope scope) {
        if (scope == Scope.STATUS || scope == Scope.APPROVAL) {
            return Tracked.STATUS_ONLY;
        }
        return storage.hasSubresource("status") ? Tracked.WITHOUT_STATUS : Tracked.OBJECT;
    }

    private static FieldManager.Writer writer(WriteOptions options, String apiVersion) {
        return new FieldManager.Writer(options.manager(), options.subresource(), apiVersion, ObjectMetadata.now());
    }
}
