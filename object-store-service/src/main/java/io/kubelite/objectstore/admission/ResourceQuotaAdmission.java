package io.kubelite.objectstore.admission;

import io.kubelite.machinery.quota.ComputeUsage;
import io.kubelite.machinery.quota.CountedResources;
import io.kubelite.machinery.validation.Quantities;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceType;
import io.kubelite.objectstore.storage.ObjectStore;
import io.kubelite.objectstore.storage.StoredObject;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ResourceQuota admission for creates: counts what the namespace already uses (pods that have
 * not finished, and objects of each counted kind), adds what the new object asks for, and refuses
 * with 403 when any hard limit would be passed, naming the quota, the request, the use and the
 * limit as Kubernetes does: {@code exceeded quota: compute, requested: requests.cpu=500m,
 * used: requests.cpu=800m, limited: requests.cpu=1}.
 */
@Component
public class ResourceQuotaAdmission {

    private final ObjectStore store;
    private final AdmissionObjects admissionObjects;

    public ResourceQuotaAdmission(ObjectStore store, AdmissionObjects admissionObjects) {
        this.store = store;
        this.admissionObjects = admissionObjects;
    }

    public void admitCreate(ResourceType storage, String namespace, ObjectNode object) {
        List<String> counting = storage.namespaced() ? CountedResources.limitsCounting(qualified(storage)) : List.of();
        if (counting.isEmpty()) {
            return;
        }
        List<StoredObject> quotas = admissionObjects.itemsOrStored("resourcequotas", namespace);
        if (quotas.isEmpty()) {
            return;
        }
        boolean pod = storage.resource().equals("pods") && storage.group().isEmpty();
        Map<String, BigDecimal> requested = new HashMap<>();
        for (String name : counting) {
            requested.put(name, BigDecimal.ONE);
        }
        if (pod) {
            requested.putAll(compute(object));
        }
        Map<String, BigDecimal> used = null;
        String name = object.path("metadata").path("name").asString("");
        for (StoredObject quota : quotas) {
            JsonNode hard = quota.body().path("spec").path("hard");
            List<String> exceeded = new ArrayList<>();
            for (Map.Entry<String, JsonNode> limit : hard.properties()) {
                BigDecimal ask = requested.get(limit.getKey());
                if (ask == null) {
                    continue;
                }
                if (used == null) {
                    used = usage(storage, namespace, pod, counting);
                }
                BigDecimal now = used.getOrDefault(limit.getKey(), BigDecimal.ZERO);
                if (now.add(ask).compareTo(Quantities.value(limit.getValue().asString())) > 0) {
                    exceeded.add(limit.getKey());
                }
            }
            if (!exceeded.isEmpty()) {
                Map<String, BigDecimal> u = used;
                throw ApiException.forbidden(storage.group(), storage.resource(), name, "exceeded quota: "
                        + quota.name() + ", requested: " + format(exceeded, requested) + ", used: "
                        + format(exceeded, u) + ", limited: " + formatHard(exceeded, hard));
            }
        }
    }

    /** {@code plural} for the core group, {@code plural.group} otherwise, as quota limits name them. */
    private static String qualified(ResourceType storage) {
        return storage.group().isEmpty() ? storage.resource() : storage.resource() + "." + storage.group();
    }

    private Map<String, BigDecimal> usage(ResourceType storage, String namespace, boolean pod, List<String> counting) {
        Map<String, BigDecimal> used = new HashMap<>();
        for (StoredObject o : store.items(storage.storageResource(), namespace)) {
            if (pod) {
                if (!ComputeUsage.charges(o.body().path("status").path("phase").asString(null))) {
                    continue;
                }
                compute(o.body()).forEach((k, v) -> used.merge(k, v, BigDecimal::add));
            }
            for (String name : counting) {
                used.merge(name, BigDecimal.ONE, BigDecimal::add);
            }
        }
        return used;
    }

    /** A pod's compute asks, by quota limit name ({@link ComputeUsage}): its containers' and its overhead. */
    private static Map<String, BigDecimal> compute(JsonNode pod) {
        Map<String, BigDecimal> sum = new HashMap<>();
        for (JsonNode c : pod.path("spec").path("containers")) {
            ComputeUsage.addContainer(sum, quantities(c.path("resources").path("requests")),
                    quantities(c.path("resources").path("limits")));
        }
        ComputeUsage.addOverhead(sum, quantities(pod.path("spec").path("overhead")));
        return sum;
    }

    private static Map<String, String> quantities(JsonNode resources) {
        Map<String, String> quantities = new HashMap<>();
        resources.properties().forEach(e -> quantities.put(e.getKey(), e.getValue().asString()));
        return quantities;
    }

    private static String format(List<String> names, Map<String, BigDecimal> values) {
        List<String> parts = new ArrayList<>();
        for (String n : names) {
            parts.add(n + "=" + plain(n, values.getOrDefault(n, BigDecimal.ZERO)));
        }
        return String.join(",", parts);
    }

    private static String formatHard(List<String> names, JsonNode hard) {
        List<String> parts = new ArrayList<>();
        for (String n : names) {
            parts.add(n + "=" + hard.path(n).asString());
        }
        return String.join(",", parts);
    }

    /** Prints cpu in millicores when fractional (500m), everything else as a plain number. */
    private static String plain(String name, BigDecimal v) {
        if (name.endsWith("cpu") && v.stripTrailingZeros().scale() > 0) {
            return v.movePointRight(3).setScale(0, java.math.RoundingMode.CEILING).toPlainString() + "m";
        }
        return v.stripTrailingZeros().toPlainString();
    }
}
