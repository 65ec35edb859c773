package io.kubelite.objectstore.rest;

import io.kubelite.machinery.defaulting.JobLabels;
import io.kubelite.objectstore.resource.ResourceType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A new Job's selector, as kube-apiserver generates it unless {@code spec.manualSelector} is true:
 * the pod template gets the labels {@code batch.kubernetes.io/controller-uid} and
 * {@code controller-uid} (the Job's uid), {@code batch.kubernetes.io/job-name} and {@code job-name}
 * (its name), where it has none of that key; the selector gets
 * {@code batch.kubernetes.io/controller-uid} where it has none. So {@code kubectl logs job/pi}
 * and {@code kubectl get pods -l job-name=pi} find exactly the Job's pods. A label or selector
 * of one's own that disagrees is left for validation to refuse ("`selector` not auto-generated").
 */
final class JobSelectors {

    private JobSelectors() {
    }

    /** Fills in the selector of {@code body}, a Job being created whose uid is set. */
    static void generate(ResourceType storage, ObjectNode body) {
        if (!storage.resource().equals("jobs") || !storage.group().equals("batch")) {
            return;
        }
        ObjectNode spec = object(body, "spec");
        if (spec.path("manualSelector").asBoolean(false)) {
            return;
        }
        JsonNode meta = body.path("metadata");
        String uid = meta.path("uid").asString("");
        String name = meta.path("name").asString("");
        ObjectNode labels = object(object(object(spec, "template"), "metadata"), "labels");
        putIfAbsent(labels, JobLabels.LEGACY_JOB_NAME, name);
        putIfAbsent(labels, JobLabels.JOB_NAME, name);
        putIfAbsent(labels, JobLabels.LEGACY_CONTROLLER_UID, uid);
        putIfAbsent(labels, JobLabels.CONTROLLER_UID, uid);
        putIfAbsent(object(object(spec, "selector"), "matchLabels"), JobLabels.CONTROLLER_UID, uid);
    }

    private static void putIfAbsent(ObjectNode map, String key, String value) {
        if (!map.has(key)) {
            map.put(key, value);
        }
    }

    /** The object at {@code field}, made when missing or null. */
    private static ObjectNode object(ObjectNode parent, String field) {
        return parent.get(field) instanceof ObjectNode existing ? existing : parent.putObject(field);
    }
}
