package io.kubelite.objectstore.authorization;

import io.kubelite.machinery.credential.SharedToken;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.errors.StatusBodies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets in only requests the gateway passed on: with {@code kubelite.front-proxy.token-file} set,
 * every request but a health probe must carry that token in {@link SharedToken#FRONT_PROXY_HEADER},
 * as kube-apiserver believes {@code X-Remote-User} only from a client holding a certificate of its
 * {@code --requestheader-client-ca-file}. Anything else — a pod of the host cluster calling the
 * API server's Service, a process on the machine calling its port — gets kube-apiserver's 401
 * Status before its identity headers are read, so it can neither act as the user it names nor as
 * {@link UserInfo#INTERNAL}.
 *
 * <p>Without the setting every caller is believed (tests that stand in for the gateway, an API
 * server only its own machine reaches); the service says so once when it starts.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class FrontProxyAuthentication extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(FrontProxyAuthentication.class);
    /** What a kubelet or a load balancer probes without credentials, as on kube-apiserver. */
    private static final List<String> PROBES = List.of("/actuator/health", "/healthz", "/livez", "/readyz");

    private final Optional<SharedToken> token;
    private final JsonMapper json;

    public FrontProxyAuthentication(@Value("${kubelite.front-proxy.token-file:}") String tokenFile,
                                    @Value("${server.port:18081}") int port, JsonMapper json) {
        this.token = SharedToken.readIfSet(tokenFile);
        this.json = json;
        if (token.isEmpty()) {
            log.warn("kubelite.front-proxy.token-file is not set: every caller that reaches port {} is believed "
                    + "to be the user its X-Remote-User header names (or system:apiserver without one); give this "
                    + "service and the gateway the same token file so that only the gateway is", port);
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (token.isEmpty()) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return PROBES.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (token.orElseThrow().matches(request.getHeader(SharedToken.FRONT_PROXY_HEADER))) {
            chain.doFilter(request, response);
            return;
        }
        log.warn("refused {} {} from {}: it did not come through the gateway (no or a wrong {} header)",
                request.getMethod(), request.getRequestURI(), request.getRemoteAddr(), SharedToken.FRONT_PROXY_HEADER);
        response.setStatus(401);
        response.setContentType("application/json");
        response.getOutputStream().write(json.writeValueAsBytes(StatusBodies.of(
                new ApiException(401, "Unauthorized", "Unauthorized", null, null, null, List.of()))));
    }
}
