package io.kubelite.gateway.authn;

import java.util.List;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which paths anyone may read without a token: what Kubernetes' {@code system:public-info-viewer}
 * allows ({@code /version}, {@code /healthz}, {@code /readyz}, {@code /livez}), the OpenAPI
 * documents, Swagger UI with its assets, and the gateway's own health. Everything else, in
 * particular {@code /api} and {@code /apis}, needs a valid bearer token.
 *
 * <p>A public path must be spelled canonically: {@code /version} is public, but
 * {@code /v%65rsion}, {@code /version;x} or {@code /openapi/../api/v1} are not, because a
 * backend that decodes or normalises paths could read them as a protected path.
 */
public final class AccessPolicy {

    private static final List<PathPattern> PUBLIC = List.of(
            "/version", "/version/",
            "/healthz/**", "/readyz/**", "/livez/**",
            "/openapi/**",
            "/swagger-ui.html", "/swagger-ui/**", "/webjars/swagger-ui/**", "/v3/api-docs/**",
            "/actuator/health/**").stream()
            .map(PathPatternParser.defaultInstance::parse)
            .toList();

    private AccessPolicy() {
    }

    public static boolean isPublic(String rawPath) {
        if (!isCanonical(rawPath)) {
            return false;
        }
        PathContainer path = PathContainer.parsePath(rawPath);
        return PUBLIC.stream().anyMatch(pattern -> pattern.matches(path));
    }

    private static boolean isCanonical(String rawPath) {
        if (rawPath.indexOf('%') >= 0 || rawPath.indexOf(';') >= 0 || rawPath.indexOf('\\') >= 0
                || rawPath.contains("//")) {
            return false;
        }
        for (String segment : rawPath.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
