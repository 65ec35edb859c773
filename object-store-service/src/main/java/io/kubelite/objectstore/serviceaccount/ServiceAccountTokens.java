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
    /** What {@link #verify} makes of a token. */
    public sealed interface Verification permits Verified, Refused {
    }

    /**
     * A token that verified: its subject, the account's namespace and uid, its audiences, its id and
     * the pod it is bound to (empty strings when it is bound to none).
     */
    public record Verified(String subject, String namespace, String accountUid, List<String> audiences, String id,
            String podName, String podUid) implements Verification {
    }

    /** A token refused, and why, in kube-apiserver's words. */
    public record Refused(String reason) implements Verification {
    }

    public record Token(String token, Instant expires) {
    }

    private final RSASSASigner signer;
    private final com.nimbusds.jose.crypto.RSASSAVerifier verifier;
    private final JWSHeader header;

    public ServiceAccountTokens(RSAPrivateCrtKey key) {
        this.signer = new RSASSASigner(key);
        this.verifier = new com.nimbusds.jose.crypto.RSASSAVerifier(publicKeyOf(key));
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

    /**
     * Checks a token as kube-apiserver's service account authenticator does: RS256 signed with this
     * key, issuer {@value #ISSUER}, within its lifetime (a minute of skew either way), its subject
     * the account of its {@code kubernetes.io} claim.
     *
     * @return the token's claims, or the reason it is refused (Go's words where kube has them)
     */
    public Verification verify(String token, Instant now) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (java.text.ParseException e) {
            return new Refused("invalid bearer token, square/go-jose: compact JWS format must have three parts");
        }
        try {
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return new Refused("invalid bearer token, square/go-jose: error in cryptographic primitive");
            }
        } catch (JOSEException e) {
            return new Refused("invalid bearer token, square/go-jose: error in cryptographic primitive");
        }
        java.time.Duration skew = java.time.Duration.ofMinutes(1);
        if (!ISSUER.equals(claims.getIssuer())) {
            return new Refused("invalid bearer token, token issuer is not recognised");
        }
        if (claims.getExpirationTime() == null || !now.minus(skew).isBefore(claims.getExpirationTime().toInstant())) {
            return new Refused("invalid bearer token, service account token has expired");
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now.plus(skew))) {
            return new Refused("invalid bearer token, service account token is not valid yet");
        }
        Map<String, Object> kubernetes;
        try {
            kubernetes = claims.getJSONObjectClaim("kubernetes.io");
        } catch (java.text.ParseException e) {
            kubernetes = null;
        }
        String subject = claims.getSubject();
        if (kubernetes == null || subject == null || kubernetes.get("namespace") == null
                || !subject.startsWith("system:serviceaccount:" + kubernetes.get("namespace") + ":")) {
            return new Refused("invalid bearer token, service account token is not a kubernetes.io token");
        }
        String accountUid = kubernetes.get("serviceaccount") instanceof Map<?, ?> account && account.get("uid") != null
                ? String.valueOf(account.get("uid")) : "";
        String podName = "";
        String podUid = "";
        if (kubernetes.get("pod") instanceof Map<?, ?> pod && pod.get("name") != null && pod.get("uid") != null) {
            podName = String.valueOf(pod.get("name"));
            podUid = String.valueOf(pod.get("uid"));
        }
        return new Verified(subject, String.valueOf(kubernetes.get("namespace")), accountUid,
                claims.getAudience() == null ? List.of() : List.copyOf(claims.getAudience()),
                claims.getJWTID() == null ? "" : claims.getJWTID(), podName, podUid);
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
