package io.kubelite.objectstore.authorization;

import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.rest.ObjectCodec;
import io.kubelite.objectstore.rest.RequestBodies;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The review APIs: {@code SelfSubjectAccessReview} ({@code kubectl auth can-i}),
 * {@code SelfSubjectRulesReview} ({@code kubectl auth can-i --list}), {@code SubjectAccessReview}
 * and {@code LocalSubjectAccessReview} (may someone else do it), and {@code SelfSubjectReview}
 * ({@code kubectl auth whoami}). Nothing is stored: each answers the request it is given, from the
 * same RBAC decision every request gets.
 */
@RestController
public class AccessReviewEndpoint {

    static final String AUTHORIZATION = "/apis/authorization.k8s.io/v1";
    static final String AUTHENTICATION = "/apis/authentication.k8s.io/v1";

    private final RbacAuthorizer authorizer;
    private final RequestBodies bodies;
    private final ObjectCodec codec;

    public AccessReviewEndpoint(RbacAuthorizer authorizer, RequestBodies bodies, ObjectCodec codec) {
        this.authorizer = authorizer;
        this.bodies = bodies;
        this.codec = codec;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(AUTHORIZATION + "/selfsubjectaccessreviews")
    public ObjectNode selfSubjectAccessReview(HttpServletRequest request) {
        return decide(body(request), "SelfSubjectAccessReview", UserInfo.of(request), null);
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(AUTHORIZATION + "/subjectaccessreviews")
    public ObjectNode subjectAccessReview(HttpServletRequest request) {
        ObjectNode review = body(request);
        return decide(review, "SubjectAccessReview", subject(review, "SubjectAccessReview"), null);
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(AUTHORIZATION + "/namespaces/{namespace}/localsubjectaccessreviews")
    public ObjectNode localSubjectAccessReview(@PathVariable String namespace, HttpServletRequest request) {
        ObjectNode review = body(request);
        return decide(review, "LocalSubjectAccessReview", subject(review, "LocalSubjectAccessReview"), namespace);
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(AUTHORIZATION + "/selfsubjectrulesreviews")
    public ObjectNode selfSubjectRulesReview(HttpServletRequest request) {
        ObjectNode review = body(request);
        String namespace = review.path("spec").path("namespace").asString("");
        ObjectNode status = review.putObject("status");
        ArrayNode resourceRules = status.putArray("resourceRules");
        ArrayNode nonResourceRules = status.putArray("nonResourceRules");
        for (RbacAuthorizer.Grant grant : authorizer.grants(UserInfo.of(request), namespace)) {
            for (JsonNode rule : grant.rules()) {
                if (rule.has("nonResourceURLs")) {
                    if (grant.namespace().isEmpty()) {
                        ObjectNode r = nonResourceRules.addObject();
                        r.set("verbs", rule.path("verbs").deepCopy());
                        r.set("nonResourceURLs", rule.path("nonResourceURLs").deepCopy());
                    }
                } else {
                    ObjectNode r = resourceRules.addObject();
                    for (String field : List.of("verbs", "apiGroups", "resources", "resourceNames")) {
                        if (rule.has(field)) {
                            r.set(field, rule.get(field).deepCopy());
                        }
                    }
                }
            }
        }
        status.put("incomplete", false);
        return typed(review, "authorization.k8s.io/v1", "SelfSubjectRulesReview");
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(AUTHENTICATION + "/selfsubjectreviews")
    public ObjectNode selfSubjectReview(HttpServletRequest request) {
        ObjectNode review = body(request);
        UserInfo user = UserInfo.of(request);
        ObjectNode info = review.putObject("status").putObject("userInfo");
        info.put("username", user.name());
        if (!user.uid().isEmpty()) {
            info.put("uid", user.uid());
        }
        ArrayNode groups = info.putArray("groups");
        user.groups().forEach(groups::add);
        if (!user.extra().isEmpty()) {
            ObjectNode extra = info.putObject("extra");
            user.extra().forEach((key, values) -> values.forEach(extra.putArray(key)::add));
        }
        return typed(review, "authentication.k8s.io/v1", "SelfSubjectReview");
    }

    private ObjectNode decide(ObjectNode review, String kind, UserInfo user, String namespace) {
        JsonNode spec = review.path("spec");
        boolean resource = spec.hasNonNull("resourceAttributes");
        if (resource == spec.hasNonNull("nonResourceAttributes")) {
            throw invalid(kind, "spec.resourceAttributes", spec.path("resourceAttributes").toString(),
                    "exactly one of nonResourceAttributes or resourceAttributes must be specified");
        }
        RequestAttributes attributes;
        if (resource) {
            JsonNode a = spec.get("resourceAttributes");
            String ns = a.path("namespace").asString("");
            if (namespace != null) {
                if (!ns.isEmpty() && !ns.equals(namespace)) {
                    throw invalid(kind, "spec.resourceAttributes.namespace", ns, "must match metadata.namespace");
                }
                ns = namespace;
            }
            attributes = RequestAttributes.resource(a.path("verb").asString(""), a.path("group").asString(""),
                    a.path("resource").asString(""), a.path("subresource").asString(""), ns, a.path("name").asString(""));
        } else {
            JsonNode a = spec.get("nonResourceAttributes");
            attributes = RequestAttributes.nonResource(a.path("verb").asString(""), a.path("path").asString(""));
        }
        RbacAuthorizer.Decision decision = authorizer.authorize(user, attributes);
        ObjectNode status = review.putObject("status");
        status.put("allowed", decision.allowed());
        if (!decision.reason().isEmpty()) {
            status.put("reason", decision.reason());
        }
        return typed(review, "authorization.k8s.io/v1", kind);
    }

    /** The review in the body: JSON, YAML, or the protobuf kubectl sends. */
    private ObjectNode body(HttpServletRequest request) {
        return codec.parseObject(bodies.read(request), request.getContentType());
    }

    /** The user a SubjectAccessReview asks about: spec.user, spec.groups, spec.uid. */
    private static UserInfo subject(ObjectNode review, String kind) {
        JsonNode spec = review.path("spec");
        List<String> groups = new ArrayList<>();
        spec.path("groups").forEach(g -> groups.add(g.asString("")));
        String user = spec.path("user").asString("");
        if (user.isEmpty() && groups.isEmpty()) {
            throw invalid(kind, "spec.user", "", "at least one of user or group must be specified");
        }
        return new UserInfo(user, spec.path("uid").asString(""), groups);
    }

    private static ObjectNode typed(ObjectNode review, String apiVersion, String kind) {
        review.put("apiVersion", apiVersion);
        review.put("kind", kind);
        if (!review.has("metadata")) {
            review.putObject("metadata");
        }
        return review;
    }

    private static ApiException invalid(String kind, String field, String value, String detail) {
        return ApiException.invalid("authorization.k8s.io", kind, "",
                List.of(new ApiException.Cause("FieldValueInvalid",
                        "Invalid value: \"" + value.replace("\"", "\\\"") + "\": " + detail, field)));
    }
}
