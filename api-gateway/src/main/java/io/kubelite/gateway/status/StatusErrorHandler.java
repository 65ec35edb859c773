package io.kubelite.gateway.status;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import io.netty.channel.ConnectTimeoutException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Turns every failure into a Kubernetes {@link KubeStatus} body, so kubectl prints
 * {@code Error from server (ServiceUnavailable): ...} instead of choking on an HTML or
 * Spring error page. Runs before Spring Boot's default handler (order -1).
 *
 * <p>An unreachable backend is a 503 naming the route's component, e.g.
 * {@code object-store-service at http://127.0.0.1:18081 is unreachable: connection refused}.
 * Once a response has started (a watch that broke halfway), nothing can be written and the
 * connection is simply closed.
 */
@Component
@Order(-2)
class StatusErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(StatusErrorHandler.class);

    private static final Map<Integer, String> REASONS = Map.of(
            400, "BadRequest",
            401, "Unauthorized",
            403, "Forbidden",
            404, "NotFound",
            405, "MethodNotAllowed",
            406, "NotAcceptable",
            413, "RequestEntityTooLarge",
            415, "UnsupportedMediaType",
            503, "ServiceUnavailable",
            504, "Timeout");

    private final StatusWriter writer;

    StatusErrorHandler(StatusWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        return writer.write(exchange.getResponse(), toStatus(exchange, error));
    }

    private KubeStatus toStatus(ServerWebExchange exchange, Throwable error) {
        if (error instanceof RequestTooLargeException tooLarge) {
            return KubeStatus.tooLarge(tooLarge.limitBytes());
        }
        if (error instanceof ResponseStatusException rse) {
            return fromResponseStatus(rse);
        }
        Throwable unreachable = unreachableCause(error);
        if (unreachable != null) {
            String message = describeBackend(exchange) + " is unreachable: " + describe(unreachable);
            log.warn("{} {} -> {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), message);
            return KubeStatus.serviceUnavailable(message);
        }
        log.error("{} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
        return KubeStatus.internalError("an error on the server (\"" + error.getMessage()
                + "\") has prevented the request from succeeding");
    }

    private static KubeStatus fromResponseStatus(ResponseStatusException rse) {
        int code = rse.getStatusCode().value();
        if (code == 404) {
            return KubeStatus.notFound();
        }
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String reason = REASONS.getOrDefault(status.value(), status.is5xxServerError() ? "InternalError" : "BadRequest");
        String message = rse.getReason() != null ? rse.getReason() : status.getReasonPhrase();
        return KubeStatus.failure(status, reason, message);
    }

    private static Throwable unreachableCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof PrematureCloseException) {
                return t;
            }
        }
        return null;
    }

    private static String describe(Throwable unreachable) {
        if (unreachable instanceof ConnectTimeoutException) {
            return "connection timed out";
        }
        if (unreachable instanceof UnknownHostException) {
            return "unknown host " + unreachable.getMessage();
        }
        if (unreachable instanceof PrematureCloseException) {
            return "connection closed before a response";
        }
        return "connection refused";
    }

    /** "object-store-service at http://127.0.0.1:18081", from the route the request matched. */
    private static String describeBackend(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return "the backend";
        }
        return route.getId() + " at " + route.getUri();
    }
}
