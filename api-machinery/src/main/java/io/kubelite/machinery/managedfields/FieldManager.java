package io.kubelite.machinery.managedfields;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who owns which field of an object (structured-merge-diff's Updater, as kube-apiserver runs it).
 *
 * <p>Every write records its manager. A write that is not an apply (create, update, patch) takes
 * the fields it changed from whoever owned them, silently. An apply owns exactly the fields of
 * its configuration: those it no longer applies are removed from the object unless another
 * applier applies them too, and it may change a field another manager owns only when forced —
 * otherwise it fails with {@link ApplyConflict}. Setting a field to the value it already has is
 * no change, so two managers applying the same value share it.
 *
 * <p>Worked example: a Deployment applied by {@code kubectl} with {@code replicas: 2}, then
 * {@code kubectl scale --replicas=5} (an update through {@code scale}): {@code .spec.replicas}
 * moves to {@code kubectl}'s {@code scale} entry. Applying {@code replicas: 2} again fails with
 * a conflict with it; applying without {@code replicas} leaves 5 and nobody's apply owns it.
 */
public final class FieldManager {

    /** The manager of what an object held before its first apply, when it came with no entries. */
    public static final String BEFORE_FIRST_APPLY = "before-first-apply";
    /** The manager the oldest update entries are merged into beyond {@link #MAX_UPDATE_MANAGERS}. */
    public static final String ANCIENT_CHANGES = "ancient-changes";
    /** Kubernetes' {@code DefaultMaxUpdateManagers}. */
    static final int MAX_UPDATE_MANAGERS = 10;

    /** Who writes, through what, and when. */
    public record Writer(String manager, String subresource, String apiVersion, String time) {
    }

    /** What an object's fields are tracked: all, all but status (kinds with a status subresource), or status only. */
    public enum Tracked { OBJECT, WITHOUT_STATUS, STATUS_ONLY }

    /** The merged object of an apply and the entries after it. */
    public record Applied(JsonNode object, List<ManagedFieldsEntry> entries) {
    }

    private static final List<String> IDENTITY = List.of("name", "namespace", "uid", "resourceVersion", "generation",
            "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink", "managedFields");

    private FieldManager() {
    }

    /** The entries after a write that is not an apply changed {@code before} into {@code after}. */
    public static List<ManagedFieldsEntry> update(List<ManagedFieldsEntry> entries, JsonNode before, JsonNode after,
                                                  Shape shape, Tracked tracked, Writer writer) {
        return update(entries, changes(before, after, shape, tracked), writer);
    }

    /** What a write changed in the fields that have owners. */
    public static Fields.Comparison changes(JsonNode before, JsonNode after, Shape shape, Tracked tracked) {
        return Fields.compare(view(before, tracked), view(after, tracked), shape);
    }

    /** The entries after a write that is not an apply made {@code change}; the same list when it changed nothing. */
    public static List<ManagedFieldsEntry> update(List<ManagedFieldsEntry> entries, Fields.Comparison change,
                                                  Writer writer) {
        if (change.isSame()) {
            return entries;
        }
        FieldSet changed = change.added().union(change.modified());
        List<ManagedFieldsEntry> result = new ArrayList<>();
        FieldSet mine = FieldSet.empty();
        int at = -1;
        for (ManagedFieldsEntry e : entries) {
            if (e.isFor(writer.manager(), ManagedFieldsEntry.UPDATE, writer.subresource())) {
                mine = e.fields();
                at = result.size();
                continue;
            }
            FieldSet kept = e.fields().difference(changed).difference(change.removed()).pruned();
            if (!kept.isEmpty()) {
                result.add(e.withFields(kept));
            }
        }
        FieldSet owned = mine.union(changed).difference(change.removed()).pruned();
        if (!owned.isEmpty()) {
            ManagedFieldsEntry entry = new ManagedFieldsEntry(writer.manager(), ManagedFieldsEntry.UPDATE,
                    writer.apiVersion(), writer.time(), writer.subresource(), owned);
            result.add(at < 0 ? result.size() : Math.min(at, result.size()), entry);
        }
        return capped(result);
    }

    /**
     * At most {@link #MAX_UPDATE_MANAGERS} update entries: beyond that the two oldest become one
     * {@code ancient-changes} entry owning what both owned, as kube-apiserver keeps an object's
     * entries from growing with every client that ever wrote it.
     */
    static List<ManagedFieldsEntry> capped(List<ManagedFieldsEntry> entries) {
        if (entries.size() <= MAX_UPDATE_MANAGERS) {
            return entries;
        }
        List<ManagedFieldsEntry> result = new ArrayList<>(entries);
        while (true) {
            List<ManagedFieldsEntry> updates = result.stream()
                    .filter(e -> e.operation().equals(ManagedFieldsEntry.UPDATE))
                    .sorted(Comparator.comparing(ManagedFieldsEntry::time))
                    .toList();
            if (updates.size() <= MAX_UPDATE_MANAGERS) {
                return result;
            }
            ManagedFieldsEntry oldest = updates.get(0);
            ManagedFieldsEntry next = updates.get(1);
            ManagedFieldsEntry merged = new ManagedFieldsEntry(ANCIENT_CHANGES, ManagedFieldsEntry.UPDATE,
                    next.apiVersion(), next.time(), "", oldest.fields().union(next.fields()));
            int at = result.indexOf(oldest);
            result.remove(oldest);
            result.remove(next);
            result.add(Math.min(at, result.size()), merged);
        }
    }

    /**
     * Applies {@code config} (already without the fields the request may not set, such as status
     * on the object itself) to {@code live}.
     *
     * @throws ApplyConflict when not forced and the apply changes fields other managers own
     */
    public static Applied apply(List<ManagedFieldsEntry> entries, JsonNode live, JsonNode config, Shape shape,
                                Tracked tracked, Writer writer, boolean force) {
        List<ManagedFieldsEntry> current = new ArrayList<>(entries);
        if (current.isEmpty()) {
            FieldSet existing = Fields.of(view(live, tracked), shape);
            if (!existing.isEmpty()) {
                current.add(new ManagedFieldsEntry(BEFORE_FIRST_APPLY, ManagedFieldsEntry.UPDATE, writer.apiVersion(),
                        writer.time(), "", existing));
            }
        }
        FieldSet lastApplied = FieldSet.empty();
        FieldSet otherAppliers = FieldSet.empty();
        ManagedFieldsEntry previous = null;
        for (ManagedFieldsEntry e : current) {
            if (e.isFor(writer.manager(), ManagedFieldsEntry.APPLY, writer.subresource())) {
                lastApplied = e.fields();
                previous = e;
            } else if (e.operation().equals(ManagedFieldsEntry.APPLY)) {
                otherAppliers = otherAppliers.union(e.fields());
            }
        }
        FieldSet applied = Fields.of(view(config, tracked), shape);
        JsonNode merged = ApplyMerge.merge(live, config, shape);
        FieldSet dropped = lastApplied.difference(applied).difference(otherAppliers).pruned();
        merged = ApplyMerge.removeItems(merged, dropped, shape);

        Fields.Comparison change = Fields.compare(view(live, tracked), view(merged, tracked), shape);
        FieldSet changed = change.added().union(change.modified());
        List<ApplyConflict.Conflict> conflicts = new ArrayList<>();
        List<ManagedFieldsEntry> result = new ArrayList<>();
        for (ManagedFieldsEntry e : current) {
            if (e == previous) {
                continue;
            }
            FieldSet contested = e.fields().intersection(changed).pruned();
            contested.paths().forEach(p -> conflicts.add(new ApplyConflict.Conflict(e, p)));
            FieldSet kept = e.fields().difference(contested).difference(change.removed()).pruned();
            if (!kept.isEmpty()) {
                result.add(e.withFields(kept));
            }
        }
        if (!force && !conflicts.isEmpty()) {
            throw new ApplyConflict(conflicts);
        }
        boolean unchanged = previous != null && change.isSame() && previous.fields().equals(applied);
        String time = unchanged ? previous.time() : writer.time();
        ManagedFieldsEntry mine = new ManagedFieldsEntry(writer.manager(), ManagedFieldsEntry.APPLY,
                writer.apiVersion(), time, writer.subresource(), applied);
        int at = previous == null ? result.size() : Math.min(current.indexOf(previous), result.size());
        if (!applied.isEmpty()) {
            result.add(at, mine);
        }
        return new Applied(merged, result);
    }

    /**
     * The part of an object whose fields have owners: never its type, name, uid or other fields
     * the server sets, and status or everything but status depending on what the write may change.
     * A shallow view: its children are the object's own.
     */
    public static JsonNode view(JsonNode object, Tracked tracked) {
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        if (object == null || !object.isObject()) {
            return view;
        }
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            String name = entry.getKey();
            boolean status = name.equals("status");
            if (name.equals("apiVersion") || name.equals("kind")
                    || (tracked == Tracked.WITHOUT_STATUS && status) || (tracked == Tracked.STATUS_ONLY && !status)) {
                continue;
            }
            if (name.equals("metadata") && entry.getValue().isObject()) {
                ObjectNode meta = JsonNodeFactory.instance.objectNode();
                entry.getValue().properties().forEach(m -> {
                    if (!IDENTITY.contains(m.getKey())) {
                        meta.set(m.getKey(), m.getValue());
                    }
                });
                if (!meta.isEmpty()) {
                    view.set(name, meta);
                }
                continue;
            }
            view.set(name, entry.getValue());
        }
        return view;
    }
}
