package io.kubelite.machinery.patch;

import static io.kubelite.machinery.patch.ListStrategy.mergeByKey;
import static io.kubelite.machinery.patch.ListStrategy.mergeScalars;

import java.util.HashMap;
import java.util.Map;

/**
 * Test rules: the {@code patchStrategy:"merge"} lists of some built-in kinds, from
 * {@code k8s.io/api/core/v1}, {@code apps/v1}, {@code batch/v1} and {@code autoscaling/v2}.
 * Every other list is replaced; notably {@code spec.taints} of a Node, {@code tolerations},
 * {@code status.containerStatuses} and Endpoints {@code subsets} carry no strategy there. The
 * object store derives the full rules of every kind from its API schemas ({@code ModelCatalog}).
 */
final class BuiltInSchemas {

    private BuiltInSchemas() {
    }

    static PatchSchema forKind(String kind) {
        Map<String, ListStrategy> rules = new HashMap<>();
        objectMeta(rules, "metadata");
        switch (kind == null ? "" : kind) {
            case "Pod" -> {
                podSpec(rules, "spec");
                podStatus(rules);
            }
            case "ReplicationController", "ReplicaSet", "Deployment", "DaemonSet", "StatefulSet", "Job" -> {
                podTemplate(rules, "spec.template");
                conditions(rules);
            }
            case "CronJob" -> {
                objectMeta(rules, "spec.jobTemplate.metadata");
                podTemplate(rules, "spec.jobTemplate.spec.template");
            }
            case "Service" -> {
                rules.put("spec.ports", mergeByKey("port"));
                conditions(rules);
            }
            case "Node" -> {
                rules.put("spec.podCIDRs", mergeScalars());
                rules.put("status.addresses", mergeByKey("type"));
                conditions(rules);
            }
            case "Namespace", "HorizontalPodAutoscaler" -> conditions(rules);
            default -> {
                // ConfigMap, Endpoints, Event and unknown kinds: metadata rules only.
            }
        }
        return PatchSchema.of(rules);
    }

    private static void objectMeta(Map<String, ListStrategy> rules, String at) {
        rules.put(at + ".ownerReferences", mergeByKey("uid"));
        rules.put(at + ".finalizers", mergeScalars());
    }

    private static void conditions(Map<String, ListStrategy> rules) {
        rules.put("status.conditions", mergeByKey("type"));
    }

    private static void podTemplate(Map<String, ListStrategy> rules, String at) {
        objectMeta(rules, at + ".metadata");
        podSpec(rules, at + ".spec");
    }

    private static void podSpec(Map<String, ListStrategy> rules, String at) {
        for (String containers : new String[] {"containers", "initContainers", "ephemeralContainers"}) {
            String list = at + "." + containers;
            rules.put(list, mergeByKey("name"));
            rules.put(list + ".ports", mergeByKey("containerPort"));
            rules.put(list + ".env", mergeByKey("name"));
            rules.put(list + ".volumeMounts", mergeByKey("mountPath"));
            rules.put(list + ".volumeDevices", mergeByKey("devicePath"));
        }
        rules.put(at + ".volumes", mergeByKey("name"));
        rules.put(at + ".imagePullSecrets", mergeByKey("name"));
        rules.put(at + ".hostAliases", mergeByKey("ip"));
        rules.put(at + ".topologySpreadConstraints", mergeByKey("topologyKey"));
        rules.put(at + ".resourceClaims", mergeByKey("name"));
        rules.put(at + ".schedulingGates", mergeByKey("name"));
    }

    private static void podStatus(Map<String, ListStrategy> rules) {
        conditions(rules);
        rules.put("status.podIPs", mergeByKey("ip"));
        rules.put("status.hostIPs", mergeByKey("ip"));
        rules.put("status.resourceClaimStatuses", mergeByKey("name"));
    }
}
