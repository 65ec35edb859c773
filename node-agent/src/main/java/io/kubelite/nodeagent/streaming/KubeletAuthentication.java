package io.kubelite.nodeagent.streaming;

import io.kubelite.machinery.credential.SharedToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves logs, exec, attach, port-forward, pod proxying and the kubelet's API to the API server
 * only, as a kubelet with {@code --anonymous-auth=false} and the API server's client CA does: with
 * {@code kubelite.kubelet-client.token-sha256-file} set, a request must carry
 * {@code Authorization: Bearer <token>} whose SHA-256 is the file's, else 401 with
 * {@link SharedToken#NODE_AGENT_CHALLENGE}. The agent keeps only the digest, so a node that is
 * taken over learns nothing it could present to another node's agent. Health probes stay open.
 *
 * <p>Without the setting every caller is served (an agent only its own machine reaches); the agent
 * says so once when it starts.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class KubeletAuthentication extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(KubeletAuthentication.class);
    private static final String BEARER = "Bearer ";

    private final Optional<SharedToken> apiServer;

    public KubeletAuthentication(@Value("${kubelite.kubelet-client.token-sha256-file:}") String digestFile,
                                 @Value("${server.port:10250}") int port) {
        this.apiServer = SharedToken.readDigestIfSet(digestFile);
        if (apiServer.isEmpty()) {
            log.warn("kubelite.kubelet-client.token-sha256-file is not set: any caller that reaches port {} may read "
                    + "logs of, exec into and proxy to this node's pods; give it the digest of the API server's "
                    + "kubelite.kubelet-client.token-file", port);
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return apiServer.isEmpty() || path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        String token = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).strip() : null;
        if (apiServer.orElseThrow().matches(token)) {
            chain.doFilter(request, response);
            return;
        }
        log.warn("refused {} {} from {}: {}", request.getMethod(), request.getRequestURI(), request.getRemoteAddr(),
                token == null ? "no bearer token" : "not the API server's token");
        response.setHeader("WWW-Authenticate", SharedToken.NODE_AGENT_CHALLENGE);
        StatusResponses.write(response, HttpStatus.UNAUTHORIZED, "Unauthorized: this node agent serves the API "
                + "server only (its kubelite.kubelet-client.token-file)");
    }
}
