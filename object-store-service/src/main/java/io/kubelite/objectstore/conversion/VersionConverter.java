package io.kubelite.objectstore.conversion;

import io.kubelite.objectstore.resource.CustomResourceVersion;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import io.kubelite.objectstore.webhook.WebhookClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts between the version a client speaks and the version an object is stored in.
 *
 * <ul>
 *   <li>{@code extensions/v1beta1} Deployments and ReplicaSets are stored as {@code apps/v1}; the
 *       old versions defaulted {@code spec.selector} from the template labels, so that happens here.</li>
 *   <li>{@code autoscaling/v1} HorizontalPodAutoscalers are stored as {@code autoscaling/v2}:
 *       {@code targetCPUUtilizationPercentage: 90} becomes a Resource metric for cpu with
 *       {@code averageUtilization: 90}, and back.</li>
 *   <li>{@code events.k8s.io/v1} Events are stored as core {@code v1} Events, their fields renamed
 *       ({@link EventConversion}: {@code regarding} is {@code involvedObject}, {@code note} is
 *       {@code message}, …).</li>
 *   <li>A custom resource is stored in its definition's storage version: with {@code conversion:
 *       {strategy: None}} only {@code apiVersion} changes, with {@code Webhook} the definition's
 *       webhook converts it ({@link ConversionWebhook}).</li>
 * </ul>
 */
@Component
public class VersionConverter {

    private final ResourceRegistry registry;
    private final ConversionWebhook webhook;

    public VersionConverter(ResourceRegistry registry, WebhookClient client) {
        this.registry = registry;
        this.webhook = new ConversionWebhook(client);
    }

    /** The definition's {@code spec.conversion} when it converts through a webhook, else null. */
    private JsonNode conversionWebhook(ResourceType served) {
        if (!served.isCustom()) {
            return null;
        }
        JsonNode conversion = registry.custom(served).map(CustomResourceVersion::conversion).orElse(null);
        return conversion != null && "Webhook".equals(conversion.path("strategy").asString("")) ? conversion : null;
    }

    /** Converts a request body of {@code served}'s version to the storage version (in place). */
    public ObjectNode toStorage(ResourceType served, ObjectNode body) {
        if (served.isStorageVersion()) {
            return body;
        }
        JsonNode conversion = conversionWebhook(served);
        if (conversion != null) {
            ObjectNode converted = webhook.convert(conversion, served.kind(), body, served.storageApiVersion());
            body.removeAll();
            body.setAll(converted);
            return body;
        }
        body.put("apiVersion", served.storageApiVersion());
        if (served.group().equals("extensions")) {
            defaultSelectorFromTemplate(body);
        } else if (served.resource().equals("horizontalpodautoscalers") && served.version().equals("v1")) {
            hpaV1ToV2(body);
        } else if (isEventsV1(served)) {
            EventConversion.toCore(body);
        }
        return body;
    }

    /** Converts a stored body to {@code served}'s version (returns a copy when it changes anything). */
    public ObjectNode fromStorage(ResourceType served, ObjectNode stored) {
        if (served.resource().equals("controllerrevisions") && stored.get("data") instanceof ObjectNode data) {
            // data is a RawExtension: kube-apiserver returns the bytes it was given, which Go's
            // marshalling of a map writes with sorted keys, and kubectl compares them byte for byte
            // (`kubectl rollout undo` telling a revision the DaemonSet already runs)
            ObjectNode body = stored.deepCopy();
            body.set("data", sortedKeys(data));
            return body;
        }
        if (served.isStorageVersion()) {
            return stored;
        }
        JsonNode conversion = conversionWebhook(served);
        if (conversion != null) {
            return webhook.convert(conversion, served.kind(), stored.deepCopy(), served.apiVersion());
        }
        ObjectNode body = stored.deepCopy();
        body.put("apiVersion", served.apiVersion());
        if (served.resource().equals("horizontalpodautoscalers") && served.version().equals("v1")) {
            hpaV2ToV1(body);
        } else if (isEventsV1(served)) {
            EventConversion.toEventsV1(body);
        }
        return body;
    }

    private static boolean isEventsV1(ResourceType served) {
        return served.group().equals("events.k8s.io") && served.resource().equals("events");
    }

    /** The same JSON with every object's keys in Go's (byte) order. */
    static JsonNode sortedKeys(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode sorted = object.objectNode();
            object.propertyNames().stream().sorted().forEach(name -> sorted.set(name, sortedKeys(object.get(name))));
            return sorted;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode sorted = array.arrayNode();
            array.forEach(item -> sorted.add(sortedKeys(item)));
            return sorted;
        }
        return node;
    }

    private static void defaultSelectorFromTemplate(ObjectNode body) {
        JsonNode spec = body.get("spec");
        if (!(spec instanceof ObjectNode s) || s.hasNonNull("selector")) {
            return;
        }
        JsonNode labels = s.path("template").path("metadata").path("labels");
        if (labels.isObject() && !labels.isEmpty()) {
            s.putObject("selector").set("matchLabels", labels.deepCopy());
        }
    }

    private static void hpaV1ToV2(ObjectNode body) {
        if (body.get("spec") instanceof ObjectNode spec && spec.has("targetCPUUtilizationPercentage")) {
            int target = spec.get("targetCPUUtilizationPercentage").asInt();
            spec.remove("targetCPUUtilizationPercentage");
            ArrayNode metrics = spec.putArray("metrics");
            ObjectNode resource = metrics.addObject().put("type", "Resource").putObject("resource");
            resource.put("name", "cpu");
            resource.putObject("target").put("type", "Utilization").put("averageUtilization", target);
        }
        if (body.get("status") instanceof ObjectNode status && status.has("currentCPUUtilizationPercentage")) {
            int current = status.get("currentCPUUtilizationPercentage").asInt();
            status.remove("currentCPUUtilizationPercentage");
            ObjectNode resource = status.putArray("currentMetrics").addObject().put("type", "Resource")
                    .putObject("resource");
            resource.put("name", "cpu");
            resource.putObject("current").put("averageUtilization", current);
        }
    }

    private static void hpaV2ToV1(ObjectNode body) {
        if (body.get("spec") instanceof ObjectNode spec) {
            for (JsonNode m : spec.path("metrics")) {
                if (m.path("type").asString("").equals("Resource") && m.path("resource").path("name").asString("").equals("cpu")) {
                    JsonNode u = m.path("resource").path("target").path("averageUtilization");
                    if (u.isNumber()) {
                        spec.put("targetCPUUtilizationPercentage", u.asInt());
                    }
                }
            }
            spec.remove("metrics");
            spec.remove("behavior");
        }
        if (body.get("status") instanceof ObjectNode status) {
            for (JsonNode m : status.path("currentMetrics")) {
                JsonNode u = m.path("resource").path("current").path("averageUtilization");
                if (m.path("resource").path("name").asString("").equals("cpu") && u.isNumber()) {
                    status.put("currentCPUUtilizationPercentage", u.asInt());
                }
            }
            status.remove("currentMetrics");
            status.remove("conditions");
        }
    }
}
