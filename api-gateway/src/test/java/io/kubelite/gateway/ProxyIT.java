package io.kubelite.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import reactor.netty.http.HttpResources;

class ProxyIT extends GatewayTestSupport {

    static final String PROTOBUF = "application/vnd.kubernetes.protobuf";
    static final int THREE_MIB = 3 * 1024 * 1024;

    @BeforeEach
    void forgetEarlierRequests() {
        BACKEND.clearRequests();
    }

    @Test
    void serverAndBackendClientRunOnTheConfiguredEventLoops() throws Exception {
        HttpResponse<String> proxied = send(authorized("/api/v1/namespaces/default/pods/nope"));

        assertThat(proxied.statusCode()).isEqualTo(404);
        // an event loop group iterates over its loops
        assertThat((Iterable<?>) HttpResources.get().onServer(true)).hasSize(EVENT_LOOPS);
        assertThat((Iterable<?>) HttpResources.get().onClient(true)).hasSize(EVENT_LOOPS);
        assertThat(Thread.getAllStackTraces().keySet()).map(Thread::getName)
                .filteredOn(name -> name.startsWith("reactor-http-"))
                .isNotEmpty()
                .hasSizeLessThanOrEqualTo(EVENT_LOOPS);
    }

    @Test
    void backendNotFoundStatusPassesThroughUnchanged() throws Exception {
        HttpResponse<String> response = send(authorized("/api/v1/namespaces/default/pods/nope"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo(FakeBackend.NOT_FOUND_BODY);
    }

    @Test
    void protobufBodyArrivesByteForByte() throws Exception {
        byte[] body = new byte[4 + 256];
        System.arraycopy(new byte[] {'k', '8', 's', 0}, 0, body, 0, 4);
        for (int i = 0; i < 256; i++) {
            body[4 + i] = (byte) i;
        }

        HttpResponse<String> response = send(authorized("/api/v1/namespaces/default/configmaps")
                .header("Content-Type", PROTOBUF)
                .header("Accept", PROTOBUF + ", application/json")
                .POST(BodyPublishers.ofByteArray(body)));

        assertThat(response.statusCode()).isEqualTo(200);
        FakeBackend.Recorded seen = BACKEND.nextRequest();
        assertThat(seen.body()).isEqualTo(body);
        assertThat(seen.header("Content-Type")).containsExactly(PROTOBUF);
        assertThat(seen.header("Accept")).containsExactly(PROTOBUF + ", application/json");
    }

    @Test
    void queryReachesBackendWithItsPercentEncodingIntact() throws Exception {
        String query = "fieldSelector=involvedObject.name=x,involvedObject.kind%3DPod"
                + "&labelSelector=name%20in%20(a%2Cb)&limit=500";

        send(authorized("/api/v1/namespaces/default/events?" + query));

        assertThat(BACKEND.nextRequest().rawQuery()).isEqualTo(query);
    }

    @Test
    void threeMebibyteBodyPasses() throws Exception {
        byte[] body = new byte[THREE_MIB];
        Arrays.fill(body, (byte) 'x');

        HttpResponse<String> response = send(authorized("/api/v1/namespaces/default/configmaps")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofByteArray(body)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(BACKEND.nextRequest().body()).hasSize(THREE_MIB);
    }

    @Test
    void largerBodyGetsRequestEntityTooLargeStatus() throws Exception {
        HttpResponse<String> response = send(authorized("/api/v1/namespaces/default/configmaps")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofByteArray(new byte[THREE_MIB + 1])));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"reason\":\"RequestEntityTooLarge\"", "\"code\":413");
    }

    @Test
    void largerChunkedBodyGetsRequestEntityTooLargeStatus() throws Exception {
        HttpResponse<String> response = send(authorized("/api/v1/namespaces/default/configmaps")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[THREE_MIB + 1]))));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"reason\":\"RequestEntityTooLarge\"", "\"code\":413");
    }

    @Test
    void unreachableBackendGetsServiceUnavailableStatusNamingTheComponent() throws Exception {
        HttpResponse<String> response = send(authorized("/apis/metrics.k8s.io/v1beta1/nodes"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"kind\":\"Status\"", "\"reason\":\"ServiceUnavailable\"",
                "\"code\":503", "autoscaler-service at http://127.0.0.1:" + CLOSED_PORT
                        + " is unreachable: connection refused");
    }

    @Test
    void unroutedPathGetsNotFoundStatus() throws Exception {
        HttpResponse<String> response = send(authorized("/no/such/path"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"kind\":\"Status\"", "\"reason\":\"NotFound\"");
    }
}
