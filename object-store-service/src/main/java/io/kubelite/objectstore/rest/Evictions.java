package io.kubelite.objectstore.rest;

import io.kubelite.machinery.selector.LabelSelector;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import io.kubelite.objectstore.storage.ObjectStore;
import io.kubelite.objectstore.storage.StoredObject;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pod's {@code eviction} subresource, as kube-apiserver serves it ({@code kubectl drain} uses
 * it): a pod no PodDisruptionBudget selects is deleted; one a budget selects is deleted only
 * while the budget allows a disruption, which the eviction spends (and records under
 * {@code status.disruptedPods}) in the same step; otherwise 429 TooManyRequests, which kubectl
 * drain retries. Pods that are already going, finished or not yet started are not held back.
 * An evicted pod is marked {@code DisruptionTarget} before it is deleted.
 */
@Component
class Evictions {

    static final String BUDGETS = "poddisruptionbudgets.policy";
    private static final String REFUSED = "Cannot evict pod as it would violate the pod's disruption budget.";

    private final ObjectStore store;
    private final ResourceService resources;
    private final DeleteService deletes;
    private final ResourceRegistry registry;
    private final JsonMapper json;

    Evictions(ObjectStore store, ResourceService resources, DeleteService deletes, ResourceRegistry registry, JsonMapper json) {
        this.store = store;
        this.resources = resources;
        this.deletes = deletes;
        this.registry = registry;
        this.json = json;
    }

    void evict(ResourceType pods, String namespace, String name, JsonNode eviction, WriteOptions options) {
        StoredObject pod = resources.get(pods, namespace, name);
        if (!heldByBudgets(pod.body())) {
            delete(pods, namespace, name, eviction, options);
            return;
        }
        Map<String, String> labels = new HashMap<>();
        pod.body().path("metadata").path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
        List<StoredObject> budgets = store.items(BUDGETS, namespace).stream().filter(b -> selects(b.body(), labels)).toList();
        if (budgets.isEmpty()) {
            delete(pods, namespace, name, eviction, options);
            return;
        }
        if (budgets.size() > 1) {
            throw new ApiException(500, "InternalError",
                    "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.",
                    null, null, null, List.of());
        }
        StoredObject budget = budgets.get(0);
        if (!ready(pod.body()) && unhealthyMayGo(budget.body())) {
            delete(pods, namespace, name, eviction, options);
            return;
        }
        ResourceType type = registry.find("policy", "v1", "poddisruptionbudgets").orElseThrow();
        resources.modify(type, namespace, budget.name(), pdb -> {
            ObjectNode status = pdb.withObjectProperty("status");
            if (status.path("observedGeneration").asLong(0) < pdb.path("metadata").path("generation").asLong(0)) {
                throw refused("The disruption budget " + budget.name() + " is still being processed by the server.");
            }
            long allowed = status.path("disruptionsAllowed").asLong(0);
            if (allowed <= 0) {
                throw refused("The disruption budget " + budget.name() + " needs " + status.path("desiredHealthy").asLong(0)
                        + " healthy pods and has " + status.path("currentHealthy").asLong(0) + " currently");
            }
            status.put("disruptionsAllowed", allowed - 1);
            status.withObjectProperty("disruptedPods").put(name, ObjectMetadata.now());
            return pdb;
        }, options.through("status"), Scope.STATUS);
        delete(pods, namespace, name, eviction, options);
    }

    /**
     * Marks the pod {@code DisruptionTarget=True} (EvictionByEvictionAPI, {@code Eviction API:
     * evicting}) so its owner and its node agent know why it goes, then deletes it, as kube-apiserver
     * does since PodDisruptionConditions.
     */
    private void delete(ResourceType pods, String namespace, String name, JsonNode eviction, WriteOptions options) {
        DeleteOptions delete = DeleteOptions.of(eviction.path("deleteOptions"), null, null, null, null);
        if (!delete.dryRun()) {
            resources.modify(pods, namespace, name, pod -> {
                ObjectNode status = pod.withObjectProperty("status");
                tools.jackson.databind.node.ArrayNode conditions = status.get("conditions") instanceof
                        tools.jackson.databind.node.ArrayNode a ? a : status.putArray("conditions");
                ObjectNode condition = null;
                for (JsonNode c : conditions) {
                    if ("DisruptionTarget".equals(c.path("type").asString("")) && c instanceof ObjectNode o) {
                        condition = o;
                    }
                }
                if (condition == null) {
                    condition = conditions.addObject().put("type", "DisruptionTarget");
                }
                if (!"True".equals(condition.path("status").asString(""))) {
                    condition.put("lastTransitionTime", ObjectMetadata.now());
                }
                condition.put("status", "True").put("reason", "EvictionByEvictionAPI").put("message", "Eviction API: evicting");
                return pod;
            }, options.through("status"), Scope.STATUS);
        }
        deletes.delete(pods, namespace, name, delete);
    }

    /** Pods being deleted, finished or still Pending go whatever the budgets say (kube's {@code canIgnorePDB}). */
    private static boolean heldByBudgets(JsonNode pod) {
        String phase = pod.path("status").path("phase").asString("");
        return !pod.path("metadata").hasNonNull("deletionTimestamp")
                && !phase.equals("Succeeded") && !phase.equals("Failed") && !phase.equals("Pending");
    }

    private static boolean ready(JsonNode pod) {
        for (JsonNode c : pod.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asString(""))) {
                return "True".equals(c.path("status").asString(""));
            }
        }
        return false;
    }

    /**
     * An unready pod may go when its budget is met without it: always under
     * {@code unhealthyPodEvictionPolicy: AlwaysAllow}, else (IfHealthyBudget) while the budget's
     * healthy pods are at least those it needs.
     */
    private static boolean unhealthyMayGo(JsonNode budget) {
        if ("AlwaysAllow".equals(budget.path("spec").path("unhealthyPodEvictionPolicy").asString(""))) {
            return true;
        }
        JsonNode status = budget.path("status");
        return status.path("currentHealthy").asLong(0) >= status.path("desiredHealthy").asLong(0)
                && status.path("observedGeneration").asLong(0) >= budget.path("metadata").path("generation").asLong(0);
    }

    /** A budget's selector: absent selects nothing, empty selects every pod of the namespace (policy/v1). */
    private boolean selects(JsonNode budget, Map<String, String> labels) {
        JsonNode selector = budget.path("spec").path("selector");
        if (!selector.isObject()) {
            return false;
        }
        try {
            return LabelSelector.fromApi(json.treeToValue(selector, io.fabric8.kubernetes.api.model.LabelSelector.class))
                    .matches(labels);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static ApiException refused(String why) {
        return new ApiException(429, "TooManyRequests", REFUSED, null, null, null,
                List.of(new ApiException.Cause("DisruptionBudget", why, null)));
    }
}
