package io.kubelite.autoscaler.hpa;

import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;

/** The scale subresource of what an HPA scales (Deployment, ReplicaSet, ReplicationController). */
public interface ScaleTargets {

    /** The target's scale; IllegalArgumentException naming the kind when it cannot be scaled, or null when it does not exist. */
    Scale get(String namespace, CrossVersionObjectReference target);

    void scale(String namespace, CrossVersionObjectReference target, int replicas);

    /** Through the API's scale subresources. */
    static ScaleTargets api(KubernetesClient client) {
        return new ScaleTargets() {
            @Override
            public Scale get(String namespace, CrossVersionObjectReference target) {
                return resource(client, namespace, target).scale();
            }

            @Override
            public void scale(String namespace, CrossVersionObjectReference target, int replicas) {
                resource(client, namespace, target).scale(replicas);
            }
        };
    }

    private static Resource<?> resource(KubernetesClient client, String namespace, CrossVersionObjectReference target) {
        return switch (target.getKind()) {
            case "Deployment" -> client.apps().deployments().inNamespace(namespace).withName(target.getName());
            case "ReplicaSet" -> client.apps().replicaSets().inNamespace(namespace).withName(target.getName());
            case "ReplicationController" -> client.replicationControllers().inNamespace(namespace).withName(target.getName());
            default -> throw new IllegalArgumentException("no matches for kind \"" + target.getKind() + "\" in group \""
                    + group(target.getApiVersion()) + "\"");
        };
    }

    private static String group(String apiVersion) {
        return apiVersion == null || !apiVersion.contains("/") ? "" : apiVersion.substring(0, apiVersion.indexOf('/'));
    }
}
