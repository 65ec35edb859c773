package io.kubelite.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticationIT extends GatewayTestSupport {

    static final String UNAUTHORIZED = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
            + "\"status\":\"Failure\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}";

    @BeforeEach
    void forgetEarlierRequests() {
        BACKEND.clearRequests();
    }

    @Test
    void requestWithoutTokenGetsUnauthorizedStatus() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/namespaces/default/pods"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).isEqualTo(UNAUTHORIZED);
    }

    @Test
    void requestWithUnknownTokenGetsUnauthorizedStatus() throws Exception {
        HttpResponse<String> response = send(request("/apis/apps/v1/deployments")
                .header("Authorization", "Bearer not-" + ALICE_TOKEN));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(UNAUTHORIZED);
    }

    @Test
    void encodedSpellingOfAProtectedPathStillNeedsAToken() throws Exception {
        assertThat(send(request("/%61pi/v1/secrets")).statusCode()).isEqualTo(401);
        assertThat(send(request("/openapi/../api/v1/secrets")).statusCode()).isEqualTo(401);
    }

    @Test
    void authenticatedRequestReachesBackendAsTheTokenOwnerWithForgedIdentityRemoved() throws Exception {
        String query = "fieldManager=kubectl-create&fieldSelector=involvedObject.name%3Dx"
                + "&labelSelector=name%20in%20(a%2Cb)";
        String body = "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"c\"}}";

        HttpResponse<String> response = send(authorized("/api/v1/namespaces/default/configmaps?" + query)
                .header("Content-Type", "application/json")
                .header("X-Remote-User", "system:admin")
                .header("X-Remote-Group", "system:masters")
                .header("X-Remote-Extra-Scopes", "everything")
                .header("X-Front-Proxy-Token", "guessed")
                .POST(BodyPublishers.ofString(body)));

        assertThat(response.statusCode()).isEqualTo(200);
        FakeBackend.Recorded seen = BACKEND.nextRequest();
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.rawPath()).isEqualTo("/api/v1/namespaces/default/configmaps");
        assertThat(seen.rawQuery()).isEqualTo(query);
        assertThat(new String(seen.body())).isEqualTo(body);
        assertThat(seen.header("Content-Type")).containsExactly("application/json");
        assertThat(seen.header("X-Remote-User")).containsExactly("alice");
        assertThat(seen.header("X-Remote-Uid")).containsExactly("1000");
        assertThat(seen.header("X-Remote-Group")).containsExactly("dev", "ops", "system:authenticated");
        assertThat(seen.header("X-Remote-Extra-Scopes")).isEmpty();
        assertThat(seen.header("X-Front-Proxy-Token")).as("the gateway's proof, never the client's")
                .containsExactly(FRONT_PROXY_TOKEN);
    }

    @Test
    void versionIsOpenAndForgedIdentityIsRemovedThereToo() throws Exception {
        HttpResponse<String> response = send(request("/version").header("X-Remote-User", "system:admin")
                .header("X-Front-Proxy-Token", FRONT_PROXY_TOKEN + "-forged"));

        assertThat(response.statusCode()).isEqualTo(200);
        FakeBackend.Recorded seen = BACKEND.nextRequest();
        assertThat(seen.rawPath()).isEqualTo("/version");
        assertThat(seen.header("X-Remote-User")).as("kube-apiserver's anonymous user").containsExactly("system:anonymous");
        assertThat(seen.header("X-Remote-Group")).containsExactly("system:unauthenticated");
        assertThat(seen.header("X-Front-Proxy-Token")).containsExactly(FRONT_PROXY_TOKEN);
    }

    @Test
    void aTokenThatFailsIsRefusedOnPublicPathsToo() throws Exception {
        HttpResponse<String> response = send(request("/version").header("Authorization", "Bearer not-a-token"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(UNAUTHORIZED);
    }

    @Test
    void tokenAddedToTheFileIsAcceptedWithoutRestart() throws Exception {
        Files.writeString(TOKENS, "bob-token-77aa,bob,1001,viewers\n", StandardOpenOption.APPEND);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                send(request("/api/v1/pods").header("Authorization", "Bearer bob-token-77aa")).statusCode())
                .isEqualTo(200));
        BACKEND.clearRequests();
        send(request("/api/v1/pods").header("Authorization", "Bearer bob-token-77aa"));
        assertThat(BACKEND.nextRequest().header("X-Remote-User")).containsExactly("bob");
    }
}
