package io.kubelite.machinery.status;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code metav1.Status} of a failed request, as Kubernetes writes it:
 * {@code {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":…,"reason":…,"code":…}}.
 * kubectl prints it as {@code Error from server (<reason>): <message>}.
 */
public final class FailureStatus {

    private FailureStatus() {
    }

    /** A mutable map, so callers can add {@code details}; a code of 0 is left out (the exec error channel's). */
    public static Map<String, Object> of(String message, String reason, int code) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.put("metadata", Map.of());
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", reason);
        if (code > 0) {
            status.put("code", code);
        }
        return status;
    }
}
