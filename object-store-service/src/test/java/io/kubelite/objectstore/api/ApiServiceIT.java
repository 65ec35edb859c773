package io.kubelite.objectstore.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelite.objectstore.ApiServerTest;
import org.junit.jupiter.api.Test;

/** The API's own Service and how ClusterIPs are handed out around it. */
class ApiServiceIT extends ApiServerTest {

    @Test
    void theApiServesItselfAsServiceDefaultKubernetesOnTheRangesFirstAddress() {
        var service = api.get("/api/v1/namespaces/default/services/kubernetes");
        assertThat(service.code()).isEqualTo(200);
        assertThat(service.body().path("spec").path("clusterIP").asString()).isEqualTo("10.96.0.1");
        assertThat(service.body().path("spec").path("ports").get(0).path("name").asString()).isEqualTo("https");
        assertThat(service.body().path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(443);
        assertThat(service.body().path("spec").has("selector")).isFalse();
        var endpoints = api.get("/api/v1/namespaces/default/endpoints/kubernetes");
        assertThat(endpoints.code()).isEqualTo(200);
        assertThat(endpoints.body().path("subsets").get(0).path("addresses").get(0).path("ip").asString()).isEqualTo("127.0.0.1");
        assertThat(endpoints.body().path("subsets").get(0).path("ports").get(0).path("port").asInt()).isEqualTo(6443);
    }

    @Test
    void clusterIpsAreDrawnAboveTheStaticBandWhichStaysForAddressesAskedForByNumber() {
        for (int i = 0; i < 40; i++) {
            var created = api.post("/api/v1/namespaces/default/services", """
                    {"apiVersion":"v1","kind":"Service","metadata":{"name":"band-%d"},
                     "spec":{"ports":[{"port":80}]}}""".formatted(i));
            assertThat(created.code()).as(created.raw()).isEqualTo(201);
            String[] octets = created.body().path("spec").path("clusterIP").asString().split("\\.");
            int offset = Integer.parseInt(octets[2]) * 256 + Integer.parseInt(octets[3]);
            assertThat(offset).as("offset in 10.96.0.0/16").isGreaterThanOrEqualTo(256);
        }
        var dns = api.post("/api/v1/namespaces/default/services", """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"asks-for-ten"},
                 "spec":{"clusterIP":"10.96.0.10","ports":[{"port":53,"protocol":"UDP"}]}}""");
        assertThat(dns.code()).as(dns.raw()).isEqualTo(201);
        var taken = api.post("/api/v1/namespaces/default/services", """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"asks-for-one"},
                 "spec":{"clusterIP":"10.96.0.1","ports":[{"port":443}]}}""");
        assertThat(taken.code()).isEqualTo(422);
        assertThat(taken.body().path("message").asString()).contains("10.96.0.1").contains("provided IP is already allocated");
    }
}
