package io.kubelite.objectstore.admission;

import io.kubelite.machinery.validation.Quantities;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.storage.StoredObject;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * LimitRange admission for new pods: a container that sets no limit (request) for a resource
 * gets the LimitRange's {@code default} ({@code defaultRequest}); one outside {@code min}/{@code max}
 * is refused with 403, as Kubernetes' LimitRanger does. Example: with
 * {@code default: {cpu: 500m}, defaultRequest: {cpu: 250m}, max: {cpu: "1"}} a container
 * without resources gets requests cpu 250m and limits cpu 500m; one asking for a 2-cpu limit is
 * told "maximum cpu usage per Container is 1, but limit is 2".
 */
@Component
public class LimitRanger {

    private final AdmissionObjects admissionObjects;

    public LimitRanger(AdmissionObjects admissionObjects) {
        this.admissionObjects = admissionObjects;
    }

    /** Applies defaults to the pod body (before validation) and checks min/max. */
    public void admitPod(String namespace, ObjectNode pod) {
        List<StoredObject> ranges = admissionObjects.itemsOrStored("limitranges", namespace);
        if (ranges.isEmpty()) {
            return;
        }
        String podName = pod.path("metadata").path("name").asString("");
        for (StoredObject range : ranges) {
            for (JsonNode item : range.body().path("spec").path("limits")) {
                if (!item.path("type").asString("Container").equals("Container")) {
                    continue;
                }
                for (JsonNode c : pod.path("spec").path("containers")) {
                    ObjectNode resources = ((ObjectNode) c).withObjectProperty("resources");
                    ObjectNode limits = resources.withObjectProperty("limits");
                    ObjectNode requests = resources.withObjectProperty("requests");
                    // The pod's own defaulting comes first (Kubernetes applies it when decoding, before
                    // any admission plugin): a limit without a request makes the request equal to it, so a
                    // container asking for a 2-cpu limit gets a 2-cpu request, not the range's defaultRequest.
                    copyMissing(limits, requests);
                    fill(limits, item.path("default"));
                    fill(requests, item.path("defaultRequest"));
                    // and so does a limit the range filled in without a defaultRequest for it
                    copyMissing(limits, requests);
                    check(podName, item.path("max"), limits, "maximum", "usage per Container", "limit", true);
                    check(podName, item.path("min"), requests, "minimum", "usage per Container", "request", false);
                    if (limits.isEmpty()) {
                        resources.remove("limits");
                    }
                    if (requests.isEmpty()) {
                        resources.remove("requests");
                    }
                }
            }
        }
    }

    private static void copyMissing(ObjectNode limits, ObjectNode requests) {
        for (Map.Entry<String, JsonNode> e : limits.properties()) {
            if (!requests.has(e.getKey())) {
                requests.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    private static void fill(ObjectNode target, JsonNode defaults) {
        for (Map.Entry<String, JsonNode> e : defaults.properties()) {
            if (!target.has(e.getKey())) {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    private static void check(String pod, JsonNode bounds, ObjectNode values, String word, String what, String kind,
                              boolean isMax) {
        for (Map.Entry<String, JsonNode> e : bounds.properties()) {
            String resource = e.getKey();
            String bound = e.getValue().asString();
            JsonNode value = values.get(resource);
            if (value == null) {
                continue;
            }
            BigDecimal v = Quantities.value(value.asString());
            BigDecimal b = Quantities.value(bound);
            if (isMax ? v.compareTo(b) > 0 : v.compareTo(b) < 0) {
                throw ApiException.forbidden("", "pods", pod, word + " " + resource + " " + what + " is " + bound
                        + ", but " + kind + " is " + value.asString());
            }
        }
    }
}
