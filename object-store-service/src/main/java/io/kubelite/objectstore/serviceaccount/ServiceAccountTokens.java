package io.kubelite.objectstore.serviceaccount;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.ssl.pem.PemContent;

/**
 * Service account tokens as kube-apiserver issues them: JWTs signed RS256 with the cluster's
 * service account key (a PEM RSA private key, {@code kubelite.service-account.key-file}), with
 * issuer and default audience {@value #ISSUER}, subject {@code system:serviceaccount:<ns>:<name>}
 * and the {@code kubernetes.io} claim naming the namespace, the account (and its uid) and the
 * object the token is bound to. The gateway verifies them with the same key.
 */
public final class ServiceAccountTokens {

    public static final String ISSUER = "https://kubernetes.default.svc.cluster.local";

    /** What a token is for: its account, audiences, lifetime and (optional) bound object. */
    public record Grant(String namespace, String account, String accountUid, List<String> audiences, long expirationSeconds,
                        Optional<BoundObject> boundObject) {
    }

    /** The object a token lives no longer than: a Pod, Secret or Node. */
    public record BoundObject(String kind, String name, String uid) {
    }

    /** A signed token and when it expires. */
    public record Token(String token, Instant expires) {
    }

    private final RSASSASigner signer;
    private final JWSHeader header;

    public ServiceAccountTokens(RSAPrivateCrtKey key) {
        this.signer = new RSASSASigner(key);
        try {
            RSAKey jwk = new RSAKey.Builder(publicKeyOf(key)).build();
            this.header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(jwk.computeThumbprint().toString()).build();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot compute the service account key's id", e);
        }
    }

    /** The signer for the PEM private key in {@code file} (PKCS#8 or PKCS#1 RSA). */
    public static ServiceAccountTokens fromKeyFile(Path file) {
        PrivateKey key;
        try {
            key = PemContent.load(file).getPrivateKey();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service account key " + file + ": " + e.getMessage(), e);
        }
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalStateException("the service account key " + file + " is not an RSA private key");
        }
        return new ServiceAccountTokens(rsa);
    }

    static RSAPublicKey publicKeyOf(RSAPrivateCrtKey key) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException(e);
        }
    }

    public Token issue(Grant grant, Instant now) {
        Instant expires = now.plusSeconds(grant.expirationSeconds());
        Map<String, Object> kubernetes = new LinkedHashMap<>();
        kubernetes.put("namespace", grant.namespace());
        kubernetes.put("serviceaccount", Map.of("name", grant.account(), "uid", grant.accountUid()));
        grant.boundObject().ifPresent(bound -> kubernetes.put(bound.kind().toLowerCase(),
                Map.of("name", bound.name(), "uid", bound.uid())));
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("system:serviceaccount:" + grant.namespace() + ":" + grant.account())
                .audience(grant.audiences())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .claim("kubernetes.io", kubernetes)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a service account token", e);
        }
        return new Token(jwt.serialize(), expires);
    }
}
