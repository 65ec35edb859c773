package io.kubelite.gateway.routing;

import java.util.List;

import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends the status line and headers of a watch or a followed log to the client as soon as the API
 * server sends them, as kube-apiserver does. Spring's response commits on the first body buffer, so
 * a watch of an empty collection (or {@code logs -f} of a quiet container) would otherwise hold the
 * headers back until the first event; clients that wait for the response before they go on (the
 * fabric8 client's {@code watch()}, client-go's {@code Watch}) waited with it. An empty buffer ahead
 * of the body commits the response and writes nothing else.
 */
@Component
class StreamHeadersFilter implements GlobalFilter, Ordered {

    /** Before the filter that writes the backend's response, so that it writes to the decorated one. */
    static final int ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!streams(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        ServerHttpResponseDecorator eager = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                return super.writeWith(Flux.concat(Mono.fromSupplier(this::empty), body));
            }

            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                return super.writeAndFlushWith(Flux.concat(Mono.just(Mono.fromSupplier(this::empty)), body));
            }

            private DataBuffer empty() {
                return bufferFactory().allocateBuffer(0);
            }
        };
        return chain.filter(exchange.mutate().response(eager).build());
    }

    /** {@code ?watch=true} (or {@code 1}), the old {@code /watch/} paths, and {@code ?follow=true} on a log. */
    static boolean streams(ServerHttpRequest request) {
        String path = request.getPath().value();
        return flag(request.getQueryParams().get("watch")) || (path.contains("/watch/") && watchPath(path))
                || (path.endsWith("/log") && flag(request.getQueryParams().get("follow")));
    }

    /** {@code /api/<version>/watch/…} or {@code /apis/<group>/<version>/watch/…}; split only when it may be one. */
    private static boolean watchPath(String path) {
        String[] segments = path.split("/");
        return (segments.length > 3 && "api".equals(segments[1]) && "watch".equals(segments[3]))
                || (segments.length > 4 && "apis".equals(segments[1]) && "watch".equals(segments[4]));
    }

    private static boolean flag(List<String> values) {
        return values != null && !values.isEmpty() && ("true".equals(values.get(0)) || "1".equals(values.get(0)));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
