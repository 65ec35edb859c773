package io.kubelite.replication.history;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
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
 * A DaemonSet's or StatefulSet's history, as kube-controller-manager keeps it: one
 * ControllerRevision per pod template the owner ran, named {@code <owner>-<template hash>},
 * labelled with the template's labels and {@code controller-revision-hash}, its {@code data} the
 * strategic merge patch that puts the template back ({@code {"spec":{"template":{"$patch":"replace",…}}}},
 * what {@code kubectl rollout undo} sends). The current template's revision has the highest
 * number: a template the owner returns to gets the next number again. Revisions past
 * {@code revisionHistoryLimit} (default 10) go, oldest first, unless a pod still runs their
 * template.
 */
public final class ControllerHistory {

    public static final String REVISION_LABEL = "controller-revision-hash";
    static final int DEFAULT_HISTORY_LIMIT = 10;

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /**
     * The owner of a history.
     *
     * @param kind          {@code DaemonSet} or {@code StatefulSet} (both apps/v1)
     * @param historyLimit  {@code spec.revisionHistoryLimit}, may be null
     * @param hashLabel     the value of {@code controller-revision-hash} on the revisions: the hash
     *                      (DaemonSets) or the revision's name (StatefulSets)
     */
    public record Owner(String kind, ObjectMeta metadata, PodTemplateSpec template, Integer historyLimit,
            boolean hashLabel) {

        public String revisionName(String hash) {
            return metadata.getName() + "-" + hash;
        }
    }

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

    private ControllerHistory() {
    }

    /**
     * @param owned      the revisions the owner controls
     * @param namesInUse the names of the revisions the owner's live pods run
     */
    public static Plan decide(Owner owner, String hash, List<ControllerRevision> owned, Set<String> namesInUse) {
        String name = owner.revisionName(hash);
        Optional<ControllerRevision> current = owned.stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst();
        long max = owned.stream().mapToLong(ControllerHistory::number).max().orElse(0);
        Optional<ControllerRevision> create = current.isPresent() ? Optional.empty() : Optional.of(revision(owner, hash, max + 1));
        Optional<Renumber> renumber = current.filter(r -> number(r) < max).map(r -> new Renumber(r, max + 1));

        List<ControllerRevision> old = owned.stream().filter(r -> !name.equals(r.getMetadata().getName()))
                .sorted(Comparator.comparingLong(ControllerHistory::number)).toList();
        int toDelete = old.size() - historyLimit(owner);
        List<ControllerRevision> delete = new ArrayList<>();
        for (ControllerRevision r : old) {
            if (delete.size() >= toDelete) {
                break;
            }
            if (!namesInUse.contains(r.getMetadata().getName())) {
                delete.add(r);
            }
        }
        return new Plan(create, renumber, delete);
    }

    private static ControllerRevision revision(Owner owner, String hash, long number) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (owner.template().getMetadata() != null && owner.template().getMetadata().getLabels() != null) {
            labels.putAll(owner.template().getMetadata().getLabels());
        }
        labels.put(REVISION_LABEL, owner.hashLabel() ? hash : owner.revisionName(hash));
        return new ControllerRevisionBuilder().withNewMetadata().withName(owner.revisionName(hash))
                .withNamespace(owner.metadata().getNamespace()).withLabels(labels)
                .withAnnotations(owner.metadata().getAnnotations())
                .withOwnerReferences(Owners.controllerRef("apps/v1", owner.kind(), owner.metadata().getName(),
                        owner.metadata().getUid()))
                .endMetadata()
                .withData(data(owner.template()))
                .withRevision(number).build();
    }

    /**
     * The patch that puts the template back, as the Go structs marshal it (so kubectl, which
     * compares it byte for byte with the live object's, can tell a revision it already runs):
     * the template's {@code metadata.creationTimestamp} is {@code null}, not absent.
     */
    static Map<String, Object> data(PodTemplateSpec podTemplate) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = SERIALIZATION.convertValue(podTemplate, Map.class);
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

    private static int historyLimit(Owner owner) {
        return owner.historyLimit() == null ? DEFAULT_HISTORY_LIMIT : Math.max(0, owner.historyLimit());
    }
}
