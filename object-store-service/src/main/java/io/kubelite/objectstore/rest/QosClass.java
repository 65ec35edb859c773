package io.kubelite.objectstore.rest;

import tools.jackson.databind.JsonNode;

/**
 * A pod's QoS class: Guaranteed when every container has cpu and memory limits equal to its
 * requests, BestEffort when no container asks for or limits anything, Burstable otherwise.
 */
final class QosClass {

    private QosClass() {
    }

    static String of(JsonNode podSpec) {
        boolean any = false;
        boolean guaranteed = true;
        for (String list : new String[]{"initContainers", "containers"}) {
            for (JsonNode c : podSpec.path(list)) {
                JsonNode requests = c.path("resources").path("requests");
                JsonNode limits = c.path("resources").path("limits");
                if (!requests.isEmpty() || !limits.isEmpty()) {
                    any = true;
                }
                for (String r : new String[]{"cpu", "memory"}) {
                    String limit = limits.path(r).asString("");
                    String request = requests.path(r).asString(limit);
                    if (limit.isEmpty() || !io.kubelite.machinery.validation.Quantities.value(limit)
                            .equals(io.kubelite.machinery.validation.Quantities.value(request))) {
                        guaranteed = false;
                    }
                }
            }
        }
        if (!any) {
            return "BestEffort";
        }
        return guaranteed ? "Guaranteed" : "Burstable";
    }
}
