package io.kubelite.objectstore.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelite.objectstore.resource.ResourceRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class VersionConverterTest {

    static final ResourceRegistry REGISTRY = new ResourceRegistry();
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A ControllerRevision's data (a RawExtension) is served as Go wrote it: every key in sorted order. */
    @Test
    void aControllerRevisionsDataIsServedWithSortedKeys() {
        // PostgreSQL's JSONB order: shorter keys first
        ObjectNode stored = (ObjectNode) JSON.readTree("""
                {"kind":"ControllerRevision","apiVersion":"apps/v1","metadata":{"name":"logger-1"},"revision":1,
                 "data":{"spec":{"template":{"spec":{"dnsPolicy":"ClusterFirst","containers":[{"name":"c","image":"busybox"}]},
                  "$patch":"replace","metadata":{"labels":{"app":"logger"},"creationTimestamp":null}}}}}""");
        ObjectNode served = new VersionConverter(REGISTRY, null).fromStorage(
                REGISTRY.find("apps", "v1", "controllerrevisions").orElseThrow(), stored);
        assertThat(served.get("data").toString()).isEqualTo("{\"spec\":{\"template\":{\"$patch\":\"replace\","
                + "\"metadata\":{\"creationTimestamp\":null,\"labels\":{\"app\":\"logger\"}},"
                + "\"spec\":{\"containers\":[{\"image\":\"busybox\",\"name\":\"c\"}],\"dnsPolicy\":\"ClusterFirst\"}}}}");
        assertThat(served.path("metadata").path("name").asString()).isEqualTo("logger-1");
        assertThat(stored.get("data").path("spec").path("template").propertyNames().iterator().next())
                .as("the stored body is left as it was").isEqualTo("spec");
    }
}
