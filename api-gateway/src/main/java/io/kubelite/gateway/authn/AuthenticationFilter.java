package io.kubelite.gateway.authn;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.kubelite.gateway.status.KubeStatus;
import io.kubelite.gateway.status.StatusWriter;
import reactor.core.publisher.Mono;

/**
 * Authenticates a client certificate that chains to the client CA ({@link ClientCertificates}), else
 * {@code Authorization: Bearer <token>} against the static token file (then as a
 * service account token, when the gateway has the service account key) and hands
 * the identity to the backend as {@code X-Remote-*} headers, with the gateway's own
 * {@link FrontProxyToken} that makes the backend believe them. A request with a token that
 * fails, and one without credentials outside {@link AccessPolicy#isPublic}, get kube-apiserver's
 * 401 Status; one without credentials on a public path goes on as {@link UserInfo#ANONYMOUS}.
 */
@Component
class AuthenticationFilter implements WebFilter, Ordered {

    /** Before the gateway's handler and everything else that reads headers. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    private static final String BEARER = "bearer ";
    private static final Logger log = LoggerFactory.getLogger(AuthenticationFilter.class);

    private final TokenFile tokens;
    private final Optional<ServiceAccountTokenAuthenticator> serviceAccounts;
    private final StatusWriter statusWriter;
    private final FrontProxyToken frontProxy;
    private final ClientCertificates clientCertificates;

    AuthenticationFilter(TokenFile tokens, Optional<ServiceAccountTokenAuthenticator> serviceAccounts,
                         StatusWriter statusWriter, FrontProxyToken frontProxy, ClientCertificates clientCertificates) {
        this.clientCertificates = clientCertificates;
        this.tokens = tokens;
        this.serviceAccounts = serviceAccounts;
        this.statusWriter = statusWriter;
        this.frontProxy = frontProxy;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        // kube-apiserver asks the client certificate first, then the bearer token
        ClientCertificates.Outcome certificate = clientCertificates.verify(request.getSslInfo());
        Optional<String> token = bearerToken(request.getHeaders());
        Optional<UserInfo> user = certificate instanceof ClientCertificates.Outcome.Verified verified
                ? Optional.of(verified.user()) : token.flatMap(this::authenticate);
        // a credential that fails is refused on every path, as kube-apiserver refuses it before any
        // anonymous access; without one, only the public paths are open, as the anonymous user
        boolean failed = token.isPresent() || certificate instanceof ClientCertificates.Outcome.Refused;
        if (user.isEmpty() && (failed || !AccessPolicy.isPublic(request.getPath().value()))) {
            if (certificate instanceof ClientCertificates.Outcome.Refused refused) {
                log.warn("Unable to authenticate the request: verifying the client certificate failed: {}",
                        refused.reason());
            }
            return statusWriter.write(exchange.getResponse(), KubeStatus.unauthorized());
        }
        UserInfo identity = user.orElse(UserInfo.ANONYMOUS);
        ServerHttpRequest forwarded = request.mutate().headers(headers -> {
            IdentityHeaders.stripAll(headers);
            IdentityHeaders.set(headers, identity);
            frontProxy.apply(headers);
        }).build();
        return chain.filter(exchange.mutate().request(forwarded).build());
    }

    /** The static token file first, then service account tokens. */
    private Optional<UserInfo> authenticate(String token) {
        return tokens.table().authenticate(token).or(() -> serviceAccounts.flatMap(s -> s.authenticate(token)));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** The token of {@code Authorization: Bearer <token>}; the scheme is case-insensitive. */
    static Optional<String> bearerToken(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (value == null || value.length() <= BEARER.length()
                || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = value.substring(BEARER.length()).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
