package io.kubelite.objectstore.authorization;

import io.kubelite.machinery.status.ForbiddenMessage;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.errors.StatusBodies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;

/**
 * Authorizes every request the gateway passes on with a user ({@link UserInfo}) against RBAC
 * before any handler runs (after refusing, 401, a service account token whose account or pod is
 * gone: {@link BoundTokens}; and applying impersonation), and answers a denied one as kube-apiserver does: 403 with a
 * {@code Status} such as {@code pods is forbidden: User "system:serviceaccount:dev:default"
 * cannot list resource "pods" in API group "" in the namespace "dev"}. Health probes are not
 * checked; requests without a user act as {@link UserInfo#INTERNAL}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class AuthorizationFilter extends OncePerRequestFilter {

    private static final List<String> UNCHECKED = List.of("/actuator", "/healthz", "/livez", "/readyz");

    private final RbacAuthorizer authorizer;
    private final BoundTokens tokens;
    private final JsonMapper json;

    public AuthorizationFilter(RbacAuthorizer authorizer, BoundTokens tokens, JsonMapper json) {
        this.authorizer = authorizer;
        this.tokens = tokens;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return UNCHECKED.stream().anyMatch(path::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        UserInfo authenticated = UserInfo.authenticated(request);
        if (!tokens.stillValid(authenticated)) {
            reply(response, new ApiException(401, "Unauthorized", "Unauthorized", null, null, null, List.of()));
            return;
        }
        UserInfo user;
        try {
            user = Impersonation.apply(request, authenticated, authorizer);
        } catch (ApiException e) {
            reply(response, e);
            return;
        }
        request.setAttribute(UserInfo.ATTRIBUTE, user);
        if (!user.isSuperuser()) {
            RequestAttributes attributes = RequestAttributes.of(request.getMethod(), path(request),
                    request.getParameter("watch"));
            if (!authorizer.authorize(user, attributes).allowed()) {
                reply(response, forbidden(user, attributes));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private void reply(HttpServletResponse response, ApiException e) throws IOException {
        response.setStatus(e.code());
        response.setContentType("application/json");
        response.getOutputStream().write(json.writeValueAsBytes(StatusBodies.of(e)));
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** kube-apiserver's answer to a denied request. */
    static ApiException forbidden(UserInfo user, RequestAttributes a) {
        if (!a.resourceRequest()) {
            return new ApiException(403, "Forbidden", ForbiddenMessage.path(user.name(), a.verb(), a.path()),
                    null, null, null, List.of());
        }
        return new ApiException(403, "Forbidden", ForbiddenMessage.resource(user.name(), a.verb(), a.apiGroup(),
                a.resource(), a.subresource(), a.namespace(), a.name()), a.apiGroup(), a.resource(),
                a.name().isEmpty() ? null : a.name(), List.of());
    }
}
