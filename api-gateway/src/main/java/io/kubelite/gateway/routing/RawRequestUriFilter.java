package io.kubelite.gateway.routing;

import java.net.URI;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Sends the client's path and query to the backend byte for byte. The stock URL rewrite
 * re-encodes a query it considers only partly encoded, so
 * {@code fieldSelector=involvedObject.name=x&labelSelector=name%20in%20(a%2Cb)} would reach the
 * backend as {@code ...name%2520in%2520...}. Here the backend URL is the route's scheme and
 * authority followed by the raw path and raw query exactly as received.
 */
@Component
class RawRequestUriFilter implements GlobalFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI routed = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        if (routed != null) {
            URI incoming = exchange.getRequest().getURI();
            exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR,
                    backendUri(routed, incoming));
        }
        return chain.filter(exchange);
    }

    static URI backendUri(URI routed, URI incoming) {
        String query = incoming.getRawQuery();
        return URI.create(routed.getScheme() + "://" + routed.getRawAuthority() + incoming.getRawPath()
                + (query == null ? "" : "?" + query));
    }

    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;
    }
}
