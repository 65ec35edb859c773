package io.kubelite.nodeagent.volume;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubelite.nodeagent.pod.ContainerConfigException;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The pod fields a downward API volume file may hold, as the kubelet writes them: name,
 * namespace, uid, one label or annotation, or all labels/annotations as sorted
 * {@code key="value"} lines.
 */
final class DownwardFields {

    private DownwardFields() {
    }

    static String value(Pod pod, String path) {
        var meta = pod.getMetadata();
        if (path.startsWith("metadata.labels['") && path.endsWith("']")) {
            return orEmpty(meta.getLabels()).getOrDefault(path.substring("metadata.labels['".length(), path.length() - 2), "");
        }
        if (path.startsWith("metadata.annotations['") && path.endsWith("']")) {
            return orEmpty(meta.getAnnotations())
                    .getOrDefault(path.substring("metadata.annotations['".length(), path.length() - 2), "");
        }
        return switch (path) {
            case "metadata.name" -> meta.getName();
            case "metadata.namespace" -> meta.getNamespace();
            case "metadata.uid" -> meta.getUid();
            case "metadata.labels" -> lines(meta.getLabels());
            case "metadata.annotations" -> lines(meta.getAnnotations());
            default -> throw new ContainerConfigException("unsupported fieldRef fieldPath " + path + " in a downward API volume");
        };
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    private static String lines(Map<String, String> map) {
        return new TreeMap<>(orEmpty(map)).entrySet().stream()
                .map(e -> e.getKey() + "=\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"")
                .collect(Collectors.joining("\n"));
    }
}
