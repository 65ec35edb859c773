package io.kubelite.objectstore.relay;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxRecordTest {

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void namespacedObjectsAreKeyedByNamespaceAndName() {
        OutboxRecord pod = new OutboxRecord(7, "pods", "default", "web-1", "ADDED", "v1", "{}");
        assertThat(pod.key()).isEqualTo("default/web-1");
    }

    @Test
    void clusterScopedObjectsAreKeyedByNameAlone() {
        OutboxRecord node = new OutboxRecord(8, "nodes", "", "node-1", "MODIFIED", "v1", "{}");
        assertThat(node.key()).isEqualTo("node-1");
    }

    @Test
    void valueIsAKubernetesWatchEvent() {
        String object = "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"cm\", "
                + "\"namespace\": \"default\", \"resourceVersion\": \"9\"}, \"data\": {\"quote\": \"\\\"}\"}}";
        OutboxRecord change = new OutboxRecord(9, "configmaps", "default", "cm", "DELETED", "v1", object);

        JsonNode event = json.readTree(change.watchEvent());

        assertThat(event.path("type").asString()).isEqualTo("DELETED");
        assertThat(event.path("object")).isEqualTo(json.readTree(object));
        assertThat(event.properties()).hasSize(2);
    }
}
