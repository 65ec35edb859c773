package io.kubelite.gateway.routing;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.kubelite.gateway.GatewayProperties;
import io.kubelite.gateway.status.KubeStatus;
import io.kubelite.gateway.status.RequestTooLargeException;
import io.kubelite.gateway.status.StatusWriter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies above {@code kubelite.gateway.max-request-body-size} (3 MiB) with
 * 413 RequestEntityTooLarge. A declared {@code Content-Length} is checked up front; a chunked
 * body is counted while it streams to the backend, and the exchange fails as soon as it passes
 * the limit. Bodies are never buffered here.
 */
@Component
class RequestBodyLimitFilter implements WebFilter, Ordered {

    /** After authentication, so a client without a token learns nothing but 401. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    private final long limit;
    private final StatusWriter statusWriter;

    RequestBodyLimitFilter(GatewayProperties properties, StatusWriter statusWriter) {
        this.limit = properties.maxRequestBodySize().toBytes();
        this.statusWriter = statusWriter;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long declared = request.getHeaders().getContentLength();
        if (declared > limit) {
            return statusWriter.write(exchange.getResponse(), KubeStatus.tooLarge(limit));
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> {
                    AtomicLong seen = new AtomicLong();
                    return super.getBody().handle((buffer, sink) -> {
                        if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                            DataBufferUtils.release(buffer);
                            sink.error(new RequestTooLargeException(limit));
                        } else {
                            sink.next(buffer);
                        }
                    });
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
