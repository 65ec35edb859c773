package io.kubelite.replication.deployment;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pod templates in a canonical form: JSON with keys sorted and nulls, empty objects and empty
 * lists dropped, without {@code metadata.creationTimestamp} and the {@code pod-template-hash}
 * label. Two templates are "the same" (Kubernetes' {@code EqualIgnoreHash}) when their canonical
 * forms are equal: {@code kubectl rollout undo} sends back an RS template with
 * {@code "creationTimestamp": null} and {@code "resources": {}}, and it must still match the RS.
 */
public final class Templates {

    public static final String HASH_LABEL = "pod-template-hash";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Templates() {
    }

    public static String canonical(PodTemplateSpec template) {
        JsonNode tree = MAPPER.readTree(SERIALIZATION.asJson(template == null ? new PodTemplateSpec() : template));
        Object value = normalize(tree, "");
        return MAPPER.writeValueAsString(value == null ? Map.of() : value);
    }

    public static boolean equalIgnoringHash(PodTemplateSpec a, PodTemplateSpec b) {
        return canonical(a).equals(canonical(b));
    }

    /** Plain maps and lists; null for what canonical form drops. */
    private static Object normalize(JsonNode node, String path) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String childPath = path + "/" + field.getKey();
                if (childPath.equals("/metadata/creationTimestamp") || childPath.equals("/metadata/labels/" + HASH_LABEL)) {
                    continue;
                }
                Object child = normalize(field.getValue(), childPath);
                if (child != null) {
                    map.put(field.getKey(), child);
                }
            }
            return map.isEmpty() ? null : map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            for (JsonNode element : node) {
                Object child = normalize(element, path + "/*");
                list.add(child == null ? Map.of() : child);
            }
            return list.isEmpty() ? null : list;
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asString();
    }
}
