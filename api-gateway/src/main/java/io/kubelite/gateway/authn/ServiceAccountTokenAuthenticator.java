package io.kubelite.gateway.authn;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
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
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.ssl.pem.PemContent;

/**
 * Service account tokens (JWTs the API server issues through {@code serviceaccounts/<name>/token})
 * as kube-apiserver's service account authenticator checks them: an RS256 signature by the
 * cluster's service account key, issuer and an audience {@value #ISSUER}, not expired, not before
 * its time (a minute of clock skew either way). The user is the token's subject
 * ({@code system:serviceaccount:<ns>:<name>}) in the groups {@code system:serviceaccounts} and
 * {@code system:serviceaccounts:<ns>}, with the account's uid.
 */
final class ServiceAccountTokenAuthenticator {

    static final String ISSUER = "https://kubernetes.default.svc.cluster.local";
    private static final String SUBJECT_PREFIX = "system:serviceaccount:";
    static final String EXTRA_CREDENTIAL_ID = "authentication.kubernetes.io/credential-id";
    static final String EXTRA_POD_NAME = "authentication.kubernetes.io/pod-name";
    static final String EXTRA_POD_UID = "authentication.kubernetes.io/pod-uid";
    private static final Duration SKEW = Duration.ofMinutes(1);

    private final RSASSAVerifier verifier;
    private final Clock clock;

    ServiceAccountTokenAuthenticator(RSAPublicKey key, Clock clock) {
        this.verifier = new RSASSAVerifier(key);
        this.clock = clock;
    }

    /** The verifier for the PEM key in {@code file}: the signing (private) key, whose public half it uses. */
    static ServiceAccountTokenAuthenticator fromKeyFile(Path file, Clock clock) {
        PrivateKey key;
        try {
            key = PemContent.load(file).getPrivateKey();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service account key " + file + ": " + e.getMessage(), e);
        }
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalStateException("the service account key " + file + " is not an RSA private key");
        }
        try {
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            return new ServiceAccountTokenAuthenticator(publicKey, clock);
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code token} is shaped like a JWT (three dot-separated parts), so worth verifying. */
    static boolean looksLikeJwt(String token) {
        int first = token.indexOf('.');
        return first > 0 && token.indexOf('.', first + 1) > first + 1 && token.chars().filter(c -> c == '.').count() == 2;
    }

    Optional<UserInfo> authenticate(String token) {
        if (!looksLikeJwt(token)) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            if (!ISSUER.equals(claims.getIssuer()) || claims.getAudience() == null || !claims.getAudience().contains(ISSUER)
                    || !before(now.minus(SKEW), claims.getExpirationTime())
                    || (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now.plus(SKEW)))) {
                return Optional.empty();
            }
            String subject = claims.getSubject();
            Map<String, Object> kubernetes = claims.getJSONObjectClaim("kubernetes.io");
            if (subject == null || !subject.startsWith(SUBJECT_PREFIX) || kubernetes == null) {
                return Optional.empty();
            }
            String namespace = String.valueOf(kubernetes.get("namespace"));
            String uid = kubernetes.get("serviceaccount") instanceof Map<?, ?> account && account.get("uid") != null
                    ? String.valueOf(account.get("uid")) : "";
            if (!subject.startsWith(SUBJECT_PREFIX + namespace + ":")) {
                return Optional.empty();
            }
            return Optional.of(new UserInfo(subject, uid,
                    List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace), extra(claims, kubernetes)));
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    /**
     * The extra fields kube-apiserver gives a service account token's user: the token's id and,
     * for a token bound to a pod, the pod's name and uid (the API server checks the pod still
     * exists, as it checks the account).
     */
    static Map<String, List<String>> extra(JWTClaimsSet claims, Map<String, Object> kubernetes) {
        Map<String, List<String>> extra = new java.util.LinkedHashMap<>();
        if (claims.getJWTID() != null) {
            extra.put(EXTRA_CREDENTIAL_ID, List.of("JTI=" + claims.getJWTID()));
        }
        if (kubernetes.get("pod") instanceof Map<?, ?> pod && pod.get("name") != null && pod.get("uid") != null) {
            extra.put(EXTRA_POD_NAME, List.of(String.valueOf(pod.get("name"))));
            extra.put(EXTRA_POD_UID, List.of(String.valueOf(pod.get("uid"))));
        }
        return extra;
    }

    private static boolean before(Instant instant, Date expiration) {
        return expiration != null && instant.isBefore(expiration.toInstant());
    }
}
