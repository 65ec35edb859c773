package io.kubelite.nodeagent.streaming;

import io.kubelite.machinery.status.FailureStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors of the streaming endpoints as Kubernetes Status objects, which the API server passes on
 * unchanged: kubectl prints {@code Error from server (BadRequest): container "c" in pod "p" is
 * waiting to start: ErrImagePull}.
 */
final class StatusResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StatusResponses() {
    }

    static void write(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        Map<String, Object> body = FailureStatus.of(message, switch (status) {
            case NOT_FOUND -> "NotFound";
            case CONFLICT -> "Conflict";
            case SERVICE_UNAVAILABLE -> "ServiceUnavailable";
            case UNAUTHORIZED -> "Unauthorized";
            default -> "BadRequest";
        }, status.value());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
