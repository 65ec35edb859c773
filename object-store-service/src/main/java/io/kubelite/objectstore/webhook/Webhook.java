package io.kubelite.objectstore.webhook;

import io.kubelite.objectstore.policy.PolicyCel;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One webhook of a stored Validating- or MutatingWebhookConfiguration, ready to match and call.
 *
 * @param configuration the configuration's name (webhooks run in the order of their configurations' names)
 * @param match         rules, selectors and matchPolicy in the shape {@code MatchResources} reads
 * @param failOnError   {@code failurePolicy: Fail} (the default): a webhook that cannot be called denies
 * @param timeoutSeconds how long a call may take (10 unless set)
 * @param reinvokeIfNeeded {@code reinvocationPolicy: IfNeeded} of a mutating webhook: called once more
 *                         when a webhook after it changed the object
 */
record Webhook(Type type, String configuration, String name, JsonNode clientConfig, JsonNode match, boolean failOnError,
               int timeoutSeconds, List<PolicyCel.Expression> matchConditions, boolean reinvokeIfNeeded) {

    enum Type { VALIDATING, MUTATING }

    static List<Webhook> of(Type type, JsonNode configuration) {
        String configurationName = configuration.path("metadata").path("name").asString("");
        List<Webhook> webhooks = new ArrayList<>();
        for (JsonNode w : configuration.path("webhooks")) {
            ObjectNode match = JsonNodeFactory.instance.objectNode();
            match.set("resourceRules", w.path("rules").isArray() ? w.get("rules") : JsonNodeFactory.instance.arrayNode());
            match.set("namespaceSelector", w.path("namespaceSelector"));
            match.set("objectSelector", w.path("objectSelector"));
            match.put("matchPolicy", w.path("matchPolicy").asString("Equivalent"));
            List<PolicyCel.Expression> conditions = new ArrayList<>();
            w.path("matchConditions").forEach(c -> conditions.add(PolicyCel.condition(c.path("expression").asString(""))));
            webhooks.add(new Webhook(type, configurationName, w.path("name").asString(""), w.path("clientConfig"), match,
                    !"Ignore".equals(w.path("failurePolicy").asString("Fail")), w.path("timeoutSeconds").asInt(10),
                    List.copyOf(conditions), "IfNeeded".equals(w.path("reinvocationPolicy").asString("Never"))));
        }
        return webhooks;
    }

    /**
     * A webhook with no rules matches nothing — unlike a policy binding, whose empty rules narrow
     * nothing: {@code MatchResources} reads "no rules" as "everything", so a webhook without rules
     * is never asked.
     */
    boolean hasRules() {
        return !match.path("resourceRules").isEmpty();
    }
}
