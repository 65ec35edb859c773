package io.kubelite.controller.informer;

import io.fabric8.kubernetes.api.model.PartialObjectMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatchEventDecoderTest {

    private static final Instant AT = Instant.parse("2026-11-25T22:00:00Z");
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    @Test
    void readsTheTypeAndTheWholeTypedObject() {
        String json = """
                {"type":"MODIFIED","object":{"apiVersion":"v1","kind":"Pod",
                 "metadata":{"name":"web-1","namespace":"default","resourceVersion":"42","labels":{"app":"web"},
                   "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web","uid":"u1","controller":true}]},
                 "spec":{"nodeName":"node-1","containers":[{"name":"c","image":"busybox",
                   "resources":{"requests":{"cpu":"100m","memory":"128Mi"}}}]},
                 "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True","lastProbeTime":null}]}}}""";

        ChangeEvent<Pod> event = new WatchEventDecoder<>(Pod.class, serialization).decode(json, AT);

        assertThat(event.type()).isEqualTo(ChangeEvent.Type.MODIFIED);
        assertThat(event.publishedAt()).isEqualTo(AT);
        assertThat(event.resourceVersion()).isEqualTo(42);
        Pod pod = event.object();
        assertThat(pod.getMetadata().getLabels()).containsEntry("app", "web");
        assertThat(pod.getMetadata().getOwnerReferences().get(0).getController()).isTrue();
        assertThat(pod.getSpec().getNodeName()).isEqualTo("node-1");
        assertThat(pod.getSpec().getContainers().get(0).getResources().getRequests().get("cpu").toString()).isEqualTo("100m");
        assertThat(pod.getStatus().getConditions().get(0).getStatus()).isEqualTo("True");
    }

    @Test
    void decodesIntoTheInformersKind() {
        String json = """
                {"type":"DELETED","object":{"apiVersion":"apps/v1","kind":"ReplicaSet",
                 "metadata":{"name":"web","namespace":"default","resourceVersion":"7"},"spec":{"replicas":3}}}""";

        ChangeEvent<ReplicaSet> event = new WatchEventDecoder<>(ReplicaSet.class, serialization).decode(json, AT);

        assertThat(event.type()).isEqualTo(ChangeEvent.Type.DELETED);
        assertThat(event.object().getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void aMetadataInformerKeepsOnlyTheKindAndTheMetadata() {
        String json = """
                {"type":"ADDED","object":{"apiVersion":"v1","kind":"Secret","type":"Opaque",
                 "metadata":{"name":"token","namespace":"default","resourceVersion":"9","uid":"s1",
                   "ownerReferences":[{"apiVersion":"example.com/v1","kind":"CronTab","name":"c","uid":"c1"}]},
                 "data":{"password":"c2VjcmV0"},"stringData":{"user":"admin"}}}""";

        ChangeEvent<PartialObjectMetadata> event = new WatchEventDecoder<>(PartialObjectMetadata.class, serialization)
                .decode(json, AT);

        PartialObjectMetadata secret = event.object();
        assertThat(secret.getKind()).isEqualTo("Secret");
        assertThat(secret.getApiVersion()).isEqualTo("v1");
        assertThat(secret.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo("c1");
        assertThat(event.resourceVersion()).isEqualTo(9);
        assertThat(serialization.asJson(secret)).doesNotContain("c2VjcmV0").doesNotContain("admin");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"}}}",
            "{\"type\":\"ADDED\"}",
            "{\"object\":{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"}}}",
            "{\"type\":\"ADDED\",\"object\":null}"})
    void refusesWhatIsNotAWatchEventOfAKnownType(String json) {
        assertThatThrownBy(() -> new WatchEventDecoder<>(Pod.class, serialization).decode(json, AT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesMalformedJson() {
        assertThatThrownBy(() -> new WatchEventDecoder<>(Pod.class, serialization).decode("{\"type\":", AT))
                .isInstanceOf(RuntimeException.class);
    }
}
