package io.kubelite.objectstore.serviceaccount;

import io.kubelite.objectstore.authorization.BoundTokens;
import io.kubelite.objectstore.authorization.UserInfo;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.rest.ObjectCodec;
import io.kubelite.objectstore.rest.RequestBodies;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code TokenReview} ({@code authentication.k8s.io/v1}): who a service account token stands for,
 * as kube-apiserver answers a webhook or an external service (Vault's Kubernetes auth, a metrics
 * proxy) that asks. The token is verified as the gateway verifies it, against the audiences the
 * review names ({@code spec.audiences}; the API's own when none), and, like every request's, is
 * refused once its account or bound pod is gone. Nothing is stored. The static tokens of the
 * gateway's token file are not known here and are answered unauthenticated.
 *
 * <p>Example: a token from {@code kubectl create token bot -n dev --audience=vault}, reviewed with
 * {@code spec.audiences: [vault]}, is authenticated as {@code system:serviceaccount:dev:bot} in
 * {@code system:serviceaccounts}, {@code system:serviceaccounts:dev} and {@code system:authenticated},
 * with {@code status.audiences: [vault]}; reviewed without audiences it is refused (its audience is
 * not the API's).
 */
@RestController
class TokenReviewEndpoint {

    private final TokenRequests requests;
    private final BoundTokens bound;
    private final RequestBodies bodies;
    private final ObjectCodec codec;
    private final Clock clock = Clock.systemUTC();

    TokenReviewEndpoint(TokenRequests requests, BoundTokens bound, RequestBodies bodies, ObjectCodec codec) {
        this.requests = requests;
        this.bound = bound;
        this.bodies = bodies;
        this.codec = codec;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/apis/authentication.k8s.io/v1/tokenreviews")
    public ObjectNode review(HttpServletRequest request) {
        ObjectNode review = codec.parseObject(bodies.read(request), request.getContentType());
        String token = review.path("spec").path("token").asString("");
        if (token.isEmpty()) {
            throw ApiException.badRequest("token is required for TokenReview in authentication");
        }
        List<String> wanted = new ArrayList<>();
        review.path("spec").path("audiences").forEach(a -> wanted.add(a.asString("")));
        List<String> audiences = wanted.isEmpty() ? List.of(ServiceAccountTokens.ISSUER) : wanted;
        review.put("apiVersion", "authentication.k8s.io/v1");
        review.put("kind", "TokenReview");
        if (!review.has("metadata")) {
            review.putObject("metadata");
        }
        ObjectNode status = review.putObject("status");
        ServiceAccountTokens.Verification verification = requests.tokens()
                .map(t -> t.verify(token, clock.instant()))
                .orElse(new ServiceAccountTokens.Refused("invalid bearer token, token lookup failed"));
        if (verification instanceof ServiceAccountTokens.Refused refused) {
            return refuse(review, status, refused.reason());
        }
        ServiceAccountTokens.Verified verified = (ServiceAccountTokens.Verified) verification;
        List<String> common = verified.audiences().stream().filter(audiences::contains).toList();
        if (common.isEmpty()) {
            return refuse(review, status, "invalid bearer token, token audiences " + quoted(verified.audiences())
                    + " is invalid for the target audiences " + quoted(audiences));
        }
        Map<String, List<String>> extra = new LinkedHashMap<>();
        if (!verified.id().isEmpty()) {
            extra.put(UserInfo.EXTRA_CREDENTIAL_ID, List.of("JTI=" + verified.id()));
        }
        if (!verified.podName().isEmpty()) {
            extra.put(UserInfo.EXTRA_POD_NAME, List.of(verified.podName()));
            extra.put(UserInfo.EXTRA_POD_UID, List.of(verified.podUid()));
        }
        List<String> groups = List.of("system:serviceaccounts", "system:serviceaccounts:" + verified.namespace(),
                "system:authenticated");
        UserInfo user = new UserInfo(verified.subject(), verified.accountUid(), groups, extra);
        if (!bound.stillValid(user)) {
            return refuse(review, status, "invalid bearer token, service account token has been invalidated");
        }
        status.put("authenticated", true);
        ObjectNode info = status.putObject("user");
        info.put("username", user.name());
        if (!user.uid().isEmpty()) {
            info.put("uid", user.uid());
        }
        ArrayNode groupsNode = info.putArray("groups");
        groups.forEach(groupsNode::add);
        if (!extra.isEmpty()) {
            ObjectNode extraNode = info.putObject("extra");
            extra.forEach((key, values) -> values.forEach(extraNode.putArray(key)::add));
        }
        ArrayNode statusAudiences = status.putArray("audiences");
        common.forEach(statusAudiences::add);
        return review;
    }

    /** Unauthenticated, with kube-apiserver's aggregated error text. */
    private static ObjectNode refuse(ObjectNode review, ObjectNode status, String reason) {
        status.putObject("user");
        status.put("error", "[" + reason + "]");
        return review;
    }

    private static String quoted(List<String> values) {
        return "[" + String.join(" ", values.stream().map(v -> "\"" + v + "\"").toList()) + "]";
    }
}
