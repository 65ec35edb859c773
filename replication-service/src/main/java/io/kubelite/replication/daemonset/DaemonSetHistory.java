package io.kubelite.replication.daemonset;

import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubelite.replication.pods.Owners;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A DaemonSet's history, as kube-controller-manager keeps it: one ControllerRevision per pod
 * template it ran, named {@code <daemonset>-<template hash>}, labelled with the template's labels
 * and {@code controller-revision-hash}, its {@code data} the strategic merge patch that puts the
 * template back ({@code {"spec":{"template":{"$patch":"replace",…}}}}, what {@code kubectl
 * rollout undo} sends). The current template's revision has the highest number: a template the
 * DaemonSet returns to gets the next number again. Revisions past {@code revisionHistoryLimit}
 * (default 10) go, oldest first, unless a pod still runs their template.
 */
public final class DaemonSetHistory {

    static final int DEFAULT_HISTORY_LIMIT = 10;

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /**
     * What to write: a revision to create (none when the template has one), the current revision
     * to renumber (with its new number), and old revisions to delete.
     */
    public record Plan(Optional<ControllerRevision> create, Optional<Renumber> renumber, List<ControllerRevision> delete) {

        public boolean isEmpty() {
            return create.isEmpty() && renumber.isEmpty() && delete.isEmpty();
        }
    }

    public record Renumber(ControllerRevision revision, long to) {
    }

    private DaemonSetHistory() {
    }

    /**
     * @param owned      the revisions the DaemonSet controls
     * @param hashesUsed the {@code controller-revision-hash} labels of the DaemonSet's live pods
     */
    public static Plan decide(DaemonSet ds, String hash, List<ControllerRevision> owned, Set<String> hashesUsed) {
        String name = nameOf(ds, hash);
        Optional<ControllerRevision> current = owned.stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst();
        long max = owned.stream().mapToLong(DaemonSetHistory::number).max().orElse(0);
        Optional<ControllerRevision> create = current.isPresent() ? Optional.empty() : Optional.of(revision(ds, hash, max + 1));
        Optional<Renumber> renumber = current.filter(r -> number(r) < max).map(r -> new Renumber(r, max + 1));

        List<ControllerRevision> old = owned.stream().filter(r -> !name.equals(r.getMetadata().getName()))
                .sorted(Comparator.comparingLong(DaemonSetHistory::number)).toList();
        int toDelete = old.size() - historyLimit(ds);
        List<ControllerRevision> delete = new ArrayList<>();
        for (ControllerRevision r : old) {
            if (delete.size() >= toDelete) {
                break;
            }
            String used = r.getMetadata().getLabels() == null ? null
                    : r.getMetadata().getLabels().get(DaemonSetReconciler.REVISION_LABEL);
            if (!hashesUsed.contains(used)) {
                delete.add(r);
            }
        }
        return new Plan(create, renumber, delete);
    }

    static String nameOf(DaemonSet ds, String hash) {
        return ds.getMetadata().getName() + "-" + hash;
    }

    private static ControllerRevision revision(DaemonSet ds, String hash, long number) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (ds.getSpec().getTemplate().getMetadata() != null && ds.getSpec().getTemplate().getMetadata().getLabels() != null) {
            labels.putAll(ds.getSpec().getTemplate().getMetadata().getLabels());
        }
        labels.put(DaemonSetReconciler.REVISION_LABEL, hash);
        return new ControllerRevisionBuilder().withNewMetadata().withName(nameOf(ds, hash))
                .withNamespace(ds.getMetadata().getNamespace()).withLabels(labels)
                .withAnnotations(ds.getMetadata().getAnnotations())
                .withOwnerReferences(Owners.controllerRef("apps/v1", "DaemonSet", ds.getMetadata().getName(),
                        ds.getMetadata().getUid()))
                .endMetadata()
                .withData(data(ds))
                .withRevision(number).build();
    }

    /**
     * The patch that puts the template back, as the Go structs marshal it (so kubectl, which
     * compares it byte for byte with the live DaemonSet's, can tell a revision it already runs):
     * the template's {@code metadata.creationTimestamp} is {@code null}, not absent.
     */
    static Map<String, Object> data(DaemonSet ds) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = SERIALIZATION.convertValue(ds.getSpec().getTemplate(), Map.class);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("creationTimestamp", null);
        if (fields.get("metadata") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> metadata.put(String.valueOf(k), v));
        }
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("$patch", "replace");
        template.putAll(fields);
        template.put("metadata", metadata);
        return Map.of("spec", Map.of("template", template));
    }

    private static long number(ControllerRevision r) {
        return r.getRevision() == null ? 0 : r.getRevision();
    }

    private static int historyLimit(DaemonSet ds) {
        Integer limit = ds.getSpec().getRevisionHistoryLimit();
        return limit == null ? DEFAULT_HISTORY_LIMIT : Math.max(0, limit);
    }
}
