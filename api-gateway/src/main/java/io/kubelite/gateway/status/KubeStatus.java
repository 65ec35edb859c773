package io.kubelite.gateway.status;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.http.HttpStatus;

/**
 * A Kubernetes {@code meta/v1 Status} failure body, the shape kubectl expects on every error:
 * {@code {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
 * "message":"Unauthorized","reason":"Unauthorized","code":401}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KubeStatus(
        String kind,
        String apiVersion,
        Map<String, Object> metadata,
        String status,
        String message,
        String reason,
        int code) {

    public static KubeStatus failure(HttpStatus code, String reason, String message) {
        return new KubeStatus("Status", "v1", Map.of(), "Failure", message, reason, code.value());
    }

    public static KubeStatus unauthorized() {
        return failure(HttpStatus.UNAUTHORIZED, "Unauthorized", "Unauthorized");
    }

    public static KubeStatus notFound() {
        return failure(HttpStatus.NOT_FOUND, "NotFound", "the server could not find the requested resource");
    }

    public static KubeStatus tooLarge(long limitBytes) {
        return failure(HttpStatus.PAYLOAD_TOO_LARGE, "RequestEntityTooLarge",
                "request entity too large: limit is " + limitBytes);
    }

    public static KubeStatus serviceUnavailable(String message) {
        return failure(HttpStatus.SERVICE_UNAVAILABLE, "ServiceUnavailable", message);
    }

    public static KubeStatus gatewayTimeout(String message) {
        return failure(HttpStatus.GATEWAY_TIMEOUT, "Timeout", message);
    }

    public static KubeStatus internalError(String message) {
        return failure(HttpStatus.INTERNAL_SERVER_ERROR, "InternalError", message);
    }

    public HttpStatus httpStatus() {
        return HttpStatus.valueOf(code);
    }
}
