package io.kubelite.gateway.authn;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceAccountTokenAuthenticatorTest {

    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final String ISSUER = ServiceAccountTokenAuthenticator.ISSUER;
    static KeyPair keys;
    static KeyPair otherKeys;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        otherKeys = generator.generateKeyPair();
    }

    final ServiceAccountTokenAuthenticator authenticator =
            new ServiceAccountTokenAuthenticator((RSAPublicKey) keys.getPublic(), Clock.fixed(NOW, ZoneOffset.UTC));

    /** A token as the API server issues it, with {@code change} applied to its claims. */
    static String token(KeyPair signer, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER)
                .subject("system:serviceaccount:team:builder").audience(List.of(ISSUER))
                .issueTime(Date.from(NOW.minusSeconds(60))).notBeforeTime(Date.from(NOW.minusSeconds(60)))
                .expirationTime(Date.from(NOW.plusSeconds(3540)))
                .claim("kubernetes.io", Map.of("namespace", "team", "serviceaccount", Map.of("name", "builder", "uid", "u-1")));
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), change.apply(claims).build());
        jwt.sign(new RSASSASigner(signer.getPrivate()));
        return jwt.serialize();
    }

    @Test
    void aTokenOfTheClusterIsTheServiceAccountInItsGroups() throws Exception {
        assertThat(authenticator.authenticate(token(keys, c -> c))).contains(new UserInfo(
                "system:serviceaccount:team:builder", "u-1", List.of("system:serviceaccounts", "system:serviceaccounts:team")));
    }

    /** The token's id, and a bound pod's name and uid, go to the API server, which checks the pod still exists. */
    @Test
    void aTokenBoundToAPodCarriesItsIdAndThePodAsExtraFields() throws Exception {
        String bound = token(keys, c -> c.jwtID("j-1").claim("kubernetes.io", Map.of("namespace", "team",
                "serviceaccount", Map.of("name", "builder", "uid", "u-1"), "pod", Map.of("name", "web-1", "uid", "p-1"))));
        assertThat(authenticator.authenticate(bound).orElseThrow().extra()).isEqualTo(Map.of(
                "authentication.kubernetes.io/credential-id", List.of("JTI=j-1"),
                "authentication.kubernetes.io/pod-name", List.of("web-1"),
                "authentication.kubernetes.io/pod-uid", List.of("p-1")));
        assertThat(authenticator.authenticate(token(keys, c -> c.jwtID("j-2"))).orElseThrow().extra())
                .isEqualTo(Map.of("authentication.kubernetes.io/credential-id", List.of("JTI=j-2")));
    }

    @Test
    void extraFieldsTravelAsPercentEncodedHeadersAndForgedOnesAreDropped() {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.add("X-Remote-Extra-authentication.kubernetes.io%2fpod-name", "forged");
        IdentityHeaders.stripAll(headers);
        IdentityHeaders.set(headers, new UserInfo("u", "", List.of(),
                Map.of("authentication.kubernetes.io/pod-name", List.of("web-1"))));
        assertThat(headers.get("X-Remote-Extra-authentication.kubernetes.io%2fpod-name")).containsExactly("web-1");
    }

    @Test
    void anythingElseIsNobody() throws Exception {
        assertThat(authenticator.authenticate(token(otherKeys, c -> c))).as("signed with another key").isEmpty();
        assertThat(authenticator.authenticate(token(keys, c -> c.expirationTime(Date.from(NOW.minusSeconds(61))))))
                .as("expired").isEmpty();
        assertThat(authenticator.authenticate(token(keys, c -> c.notBeforeTime(Date.from(NOW.plusSeconds(120))))))
                .as("not yet valid").isEmpty();
        assertThat(authenticator.authenticate(token(keys, c -> c.issuer("https://example.com")))).as("issuer").isEmpty();
        assertThat(authenticator.authenticate(token(keys, c -> c.audience("vault")))).as("audience").isEmpty();
        assertThat(authenticator.authenticate(token(keys, c -> c.subject("system:serviceaccount:other:builder"))))
                .as("subject outside its namespace").isEmpty();
        assertThat(authenticator.authenticate(token(keys, c -> c.subject("admin")))).as("not a service account").isEmpty();
        String valid = token(keys, c -> c);
        String tampered = valid.substring(0, valid.lastIndexOf('.') - 2) + "xx" + valid.substring(valid.lastIndexOf('.'));
        assertThat(authenticator.authenticate(tampered)).as("claims changed after signing").isEmpty();
        assertThat(authenticator.authenticate("0123456789abcdef")).as("a static token").isEmpty();
        assertThat(authenticator.authenticate("a.b.c")).as("not a JWT").isEmpty();
    }

    @Test
    void readsTheSigningKeysPemAndVerifiesWithItsPublicHalf() throws Exception {
        Path pem = dir.resolve("service-account.key");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");

        var fromFile = ServiceAccountTokenAuthenticator.fromKeyFile(pem, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(fromFile.authenticate(token(keys, c -> c))).isPresent();
    }
}
