package io.kubelite.objectstore.serviceaccount;

import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.storage.StoredObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code serviceaccounts/<name>/token} subresource ({@code kubectl create token}): a
 * TokenRequest in, the same TokenRequest out with {@code status.token} and
 * {@code status.expirationTimestamp}, as kube-apiserver answers. {@code spec.expirationSeconds}
 * defaults to an hour and must lie between 10 minutes and 2^32 seconds; {@code spec.audiences}
 * defaults to the API's own; {@code spec.boundObjectRef} may name a Pod, Secret or Node.
 */
@Component
public class TokenRequests {

    static final long DEFAULT_EXPIRATION_SECONDS = 3600;
    static final long MIN_EXPIRATION_SECONDS = 600;
    static final long MAX_EXPIRATION_SECONDS = 1L << 32;
    private static final Set<String> BOUND_KINDS = Set.of("Pod", "Secret", "Node");

    private static final Logger LOG = LoggerFactory.getLogger(TokenRequests.class);

    private final Optional<ServiceAccountTokens> tokens;
    private final Clock clock;

    @Autowired
    public TokenRequests(@Value("${kubelite.service-account.key-file:}") String keyFile) {
        this(keyFile.isBlank() ? Optional.empty() : Optional.of(ServiceAccountTokens.fromKeyFile(Path.of(keyFile))),
                Clock.systemUTC());
        if (keyFile.isBlank()) {
            LOG.warn("No service account key (kubelite.service-account.key-file): TokenRequests are answered 503 "
                    + "and pods get no token");
        } else {
            LOG.atInfo().addKeyValue("keyFile", keyFile).log("Service account tokens are signed with the cluster's key");
        }
    }

    TokenRequests(Optional<ServiceAccountTokens> tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The cluster's token signer and verifier; empty without a service account key. */
    public Optional<ServiceAccountTokens> tokens() {
        return tokens;
    }

    /** The answered TokenRequest for the stored ServiceAccount {@code account}. */
    public ObjectNode issue(StoredObject account, JsonNode request) {
        String name = account.name();
        JsonNode spec = request.path("spec");
        List<ApiException.Cause> causes = new ArrayList<>();
        long expiration = DEFAULT_EXPIRATION_SECONDS;
        JsonNode seconds = spec.path("expirationSeconds");
        if (!seconds.isMissingNode() && !seconds.isNull()) {
            expiration = seconds.asLong();
            if (!seconds.isIntegralNumber() || expiration < MIN_EXPIRATION_SECONDS) {
                causes.add(invalid("spec.expirationSeconds", seconds, "may not specify a duration less than 10 minutes"));
            } else if (expiration > MAX_EXPIRATION_SECONDS) {
                causes.add(invalid("spec.expirationSeconds", seconds, "may not specify a duration larger than 2^32 seconds"));
            }
        }
        List<String> audiences = new ArrayList<>();
        spec.path("audiences").forEach(a -> audiences.add(a.asString("")));
        if (audiences.isEmpty()) {
            audiences.add(ServiceAccountTokens.ISSUER);
        }
        Optional<ServiceAccountTokens.BoundObject> bound = Optional.empty();
        JsonNode ref = spec.path("boundObjectRef");
        if (ref.isObject()) {
            String kind = ref.path("kind").asString("");
            if (!BOUND_KINDS.contains(kind)) {
                causes.add(new ApiException.Cause("FieldValueNotSupported", "Unsupported value: \"" + kind
                        + "\": supported values: \"Node\", \"Pod\", \"Secret\"", "spec.boundObjectRef.kind"));
            } else {
                bound = Optional.of(new ServiceAccountTokens.BoundObject(kind, ref.path("name").asString(""),
                        ref.path("uid").asString("")));
            }
        }
        if (!causes.isEmpty()) {
            throw ApiException.invalid("authentication.k8s.io", "TokenRequest", name, causes);
        }
        ServiceAccountTokens signer = tokens.orElseThrow(() -> new ApiException(503, "ServiceUnavailable",
                "service account tokens cannot be issued: this API server has no service account key "
                        + "(set kubelite.service-account.key-file; ./kubelite up writes one)", "", "serviceaccounts", name,
                List.of()));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        ServiceAccountTokens.Token token = signer.issue(new ServiceAccountTokens.Grant(account.namespace(), name,
                account.uid(), audiences, expiration, bound), now);

        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("kind", "TokenRequest");
        answer.put("apiVersion", "authentication.k8s.io/v1");
        ObjectNode meta = answer.putObject("metadata");
        meta.put("name", name);
        meta.put("namespace", account.namespace());
        meta.put("creationTimestamp", DateTimeFormatter.ISO_INSTANT.format(now));
        ObjectNode answeredSpec = answer.putObject("spec");
        audiences.forEach(answeredSpec.putArray("audiences")::add);
        answeredSpec.put("expirationSeconds", expiration);
        if (ref.isObject()) {
            answeredSpec.set("boundObjectRef", ref.deepCopy());
        }
        ObjectNode status = answer.putObject("status");
        status.put("token", token.token());
        status.put("expirationTimestamp", DateTimeFormatter.ISO_INSTANT.format(token.expires()));
        return answer;
    }

    private static ApiException.Cause invalid(String field, JsonNode value, String why) {
        return new ApiException.Cause("FieldValueInvalid", "Invalid value: " + value + ": " + why, field);
    }
}
