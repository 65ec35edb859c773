package io.kubelite.objectstore.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.storage.StoredObject;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class TokenRequestsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static RSAPrivateCrtKey key;

    final StoredObject account = new StoredObject(1, "serviceaccounts", "team", "builder", "uid-1", 7,
            JSON.createObjectNode());

    @BeforeAll
    static void makeKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        key = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
    }

    TokenRequests requests() {
        return new TokenRequests(Optional.of(new ServiceAccountTokens(key)), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static JsonNode request(String spec) {
        return JSON.readTree("{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\",\"spec\":" + spec + "}");
    }

    @Test
    void issuesAnHourLongTokenForTheApiByDefault() throws Exception {
        ObjectNode answer = requests().issue(account, request("{}"));

        assertThat(answer.path("kind").asString()).isEqualTo("TokenRequest");
        assertThat(answer.path("metadata").path("name").asString()).isEqualTo("builder");
        assertThat(answer.path("spec").path("expirationSeconds").asLong()).isEqualTo(3600);
        assertThat(answer.path("status").path("expirationTimestamp").asString()).isEqualTo("2026-11-26T13:00:00Z");
        SignedJWT jwt = SignedJWT.parse(answer.path("status").path("token").asString());
        assertThat(jwt.verify(new RSASSAVerifier(ServiceAccountTokens.publicKeyOf(key)))).isTrue();
        assertThat(jwt.getHeader().getKeyID()).isNotBlank();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("system:serviceaccount:team:builder");
        assertThat(claims.getIssuer()).isEqualTo(ServiceAccountTokens.ISSUER);
        assertThat(claims.getAudience()).containsExactly(ServiceAccountTokens.ISSUER);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(claims.getJSONObjectClaim("kubernetes.io")).containsEntry("namespace", "team")
                .containsEntry("serviceaccount", Map.of("name", "builder", "uid", "uid-1"));
    }

    @Test
    void takesTheAudiencesLifetimeAndBoundPodAsked() throws Exception {
        ObjectNode answer = requests().issue(account, request(
                "{\"audiences\":[\"vault\"],\"expirationSeconds\":7200,\"boundObjectRef\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"name\":\"web\",\"uid\":\"p-1\"}}"));

        var claims = SignedJWT.parse(answer.path("status").path("token").asString()).getJWTClaimsSet();
        assertThat(claims.getAudience()).containsExactly("vault");
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(7200));
        assertThat(claims.getJSONObjectClaim("kubernetes.io")).containsEntry("pod", Map.of("name", "web", "uid", "p-1"));
        assertThat(answer.path("spec").path("boundObjectRef").path("name").asString()).isEqualTo("web");
    }

    @Test
    void refusesLifetimesUnderTenMinutesOrOver2To32SecondsAndUnknownBoundKinds() {
        for (var bad : List.of(
                List.of("{\"expirationSeconds\":60}", "spec.expirationSeconds",
                        "Invalid value: 60: may not specify a duration less than 10 minutes"),
                List.of("{\"expirationSeconds\":4294967297}", "spec.expirationSeconds",
                        "Invalid value: 4294967297: may not specify a duration larger than 2^32 seconds"),
                List.of("{\"boundObjectRef\":{\"kind\":\"Deployment\",\"name\":\"web\"}}", "spec.boundObjectRef.kind",
                        "Unsupported value: \"Deployment\": supported values: \"Node\", \"Pod\", \"Secret\""))) {
            assertThatThrownBy(() -> requests().issue(account, request(bad.get(0))))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo(422);
                        assertThat(e.causes()).singleElement().satisfies(cause -> {
                            assertThat(cause.field()).isEqualTo(bad.get(1));
                            assertThat(cause.message()).isEqualTo(bad.get(2));
                        });
                    });
        }
    }

    @Test
    void withoutAKeyItSaysHowToGetOne() {
        TokenRequests unsigned = new TokenRequests(Optional.empty(), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> unsigned.issue(account, request("{}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(503))
                .hasMessageContaining("kubelite.service-account.key-file");
    }
}
