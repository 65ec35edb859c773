package io.kubelite.objectstore.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ServiceAccountTokensTest {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static ServiceAccountTokens tokens;
    static ServiceAccountTokens otherKey;

    @BeforeAll
    static void makeKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        tokens = new ServiceAccountTokens((RSAPrivateCrtKey) generator.generateKeyPair().getPrivate());
        otherKey = new ServiceAccountTokens((RSAPrivateCrtKey) generator.generateKeyPair().getPrivate());
    }

    static String token(ServiceAccountTokens signer, List<String> audiences, Optional<ServiceAccountTokens.BoundObject> pod) {
        return signer.issue(new ServiceAccountTokens.Grant("dev", "bot", "uid-bot", audiences, 3600, pod), NOW).token();
    }

    @Test
    void aTokenThisKeySignedVerifiesWithItsClaims() {
        String token = token(tokens, List.of("vault"), Optional.of(new ServiceAccountTokens.BoundObject("Pod", "web-1", "uid-pod")));
        assertThat(tokens.verify(token, NOW.plusSeconds(60))).isInstanceOfSatisfying(ServiceAccountTokens.Verified.class, v -> {
            assertThat(v.subject()).isEqualTo("system:serviceaccount:dev:bot");
            assertThat(v.namespace()).isEqualTo("dev");
            assertThat(v.accountUid()).isEqualTo("uid-bot");
            assertThat(v.audiences()).containsExactly("vault");
            assertThat(v.id()).isNotEmpty();
            assertThat(v.podName()).isEqualTo("web-1");
            assertThat(v.podUid()).isEqualTo("uid-pod");
        });
    }

    @Test
    void anotherKeysTokenAnExpiredOneAndGarbageAreRefusedInKubesWords() {
        String token = token(tokens, List.of(ServiceAccountTokens.ISSUER), Optional.empty());
        assertThat(otherKey.verify(token, NOW)).isEqualTo(
                new ServiceAccountTokens.Refused("invalid bearer token, square/go-jose: error in cryptographic primitive"));
        assertThat(tokens.verify(token, NOW.plusSeconds(3600 + 61))).isEqualTo(
                new ServiceAccountTokens.Refused("invalid bearer token, service account token has expired"));
        assertThat(tokens.verify(token, NOW.plusSeconds(3600 + 59))).as("a minute of skew")
                .isInstanceOf(ServiceAccountTokens.Verified.class);
        assertThat(tokens.verify("not-a-jwt", NOW)).isInstanceOf(ServiceAccountTokens.Refused.class);
    }
}
