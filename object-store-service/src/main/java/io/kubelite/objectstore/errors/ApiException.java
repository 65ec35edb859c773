package io.kubelite.objectstore.errors;

import java.util.List;

/**
 * A request that fails the way Kubernetes fails it: an HTTP code, a {@code Status} reason and
 * message, and for 422 the field causes kubectl prints one per line.
 */
public class ApiException extends RuntimeException {

    /** One entry of {@code Status.details.causes}. */
    public record Cause(String reason, String message, String field) {
    }

    private final int code;
    private final String reason;
    private final String detailsKind;
    private final String detailsName;
    private final String detailsGroup;
    private final List<Cause> causes;

    public ApiException(int code, String reason, String message, String detailsGroup, String detailsKind,
                        String detailsName, List<Cause> causes) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.detailsGroup = detailsGroup;
        this.detailsKind = detailsKind;
        this.detailsName = detailsName;
        this.causes = List.copyOf(causes);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message, null, null, null, List.of());
    }

    public static ApiException notFound(String group, String resource, String name) {
        return new ApiException(404, "NotFound", qualified(group, resource) + " \"" + name + "\" not found",
                group, resource, name, List.of());
    }

    /** A path that names no resource: Kubernetes answers a bare 404 "the server could not find the requested resource". */
    public static ApiException noSuchResource() {
        return new ApiException(404, "NotFound", "the server could not find the requested resource",
                null, null, null, List.of());
    }

    public static ApiException alreadyExists(String group, String resource, String name) {
        return new ApiException(409, "AlreadyExists", qualified(group, resource) + " \"" + name + "\" already exists",
                group, resource, name, List.of());
    }

    /** Every name generated from {@code generateName} for one create was taken. */
    public static ApiException generatedNameConflict(String group, String resource, String name) {
        return new ApiException(409, "AlreadyExists", qualified(group, resource) + " \"" + name
                + "\" already exists, the server was not able to generate a unique name for the object",
                group, resource, name, List.of());
    }

    public static ApiException conflict(String group, String resource, String name, String why) {
        return new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + qualified(group, resource)
                + " \"" + name + "\": " + why, group, resource, name, List.of());
    }

    /** 422, worded as kube-apiserver words it: {@code Deployment.apps "web" is invalid: spec.replicas: ...}. */
    public static ApiException invalid(String group, String kind, String name, List<Cause> causes) {
        StringBuilder message = new StringBuilder(group == null || group.isEmpty() ? kind : kind + "." + group)
                .append(" \"").append(name).append("\" is invalid: ");
        for (int i = 0; i < causes.size(); i++) {
            Cause c = causes.get(i);
            if (i > 0) {
                message.append(", ");
            }
            message.append(c.field()).append(": ").append(c.message());
        }
        if (causes.size() > 1) {
            message.insert(message.indexOf(": ") + 2, "[").append("]");
        }
        return new ApiException(422, "Invalid", message.toString(), group, kind, name, causes);
    }

    public static ApiException forbidden(String group, String resource, String name, String why) {
        return new ApiException(403, "Forbidden", qualified(group, resource) + " \"" + name + "\" is forbidden: " + why,
                group, resource, name, List.of());
    }

    public static ApiException methodNotAllowed(String message) {
        return new ApiException(405, "MethodNotAllowed", message, null, null, null, List.of());
    }

    public static ApiException unsupportedMediaType(String contentType) {
        return unsupportedMediaType(contentType, true);
    }

    /** @param strategic whether the resource takes strategic merge patches (custom resources do not) */
    public static ApiException unsupportedMediaType(String contentType, boolean strategic) {
        return new ApiException(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
                + "accepted media types include: application/json-patch+json, application/merge-patch+json, "
                + "application/apply-patch+yaml" + (strategic ? ", application/strategic-merge-patch+json" : "")
                + (strategic ? " (got " + contentType + ")" : ""), null, null, null, List.of());
    }

    public static ApiException tooLarge(long limit) {
        return new ApiException(413, "RequestEntityTooLarge", "Request entity too large: limit is " + limit,
                null, null, null, List.of());
    }

    public static ApiException gone(String message) {
        return new ApiException(410, "Expired", message, null, null, null, List.of());
    }

    private static String qualified(String group, String resource) {
        return group == null || group.isEmpty() ? resource : resource + "." + group;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public String detailsKind() {
        return detailsKind;
    }

    public String detailsName() {
        return detailsName;
    }

    public String detailsGroup() {
        return detailsGroup;
    }

    public List<Cause> causes() {
        return causes;
    }
}
