package io.kubelite.gateway.routing;

import io.kubelite.gateway.status.KubeStatus;
import io.kubelite.gateway.status.StatusWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * WebSocket requests ({@code kubectl exec}) reach the backend before the client is upgraded, so a
 * backend's refusal reaches the client as the backend wrote it: {@code 400 container "zz" is not
 * valid for pod "web"} instead of an upgrade followed by a close with "protocol error", which is
 * what proxying with the stock routing filter (upgrade first, connect after) gave. The client
 * is then accepted with the subprotocol the backend chose, and messages pass unchanged both ways;
 * whichever side closes, the other is closed with the same status.
 */
@Component
class WebSocketProxyFilter implements GlobalFilter, Ordered {

    private static final int MAX_MESSAGE = 1024 * 1024;
    /** Headers that belong to one hop of the connection, not to the request. */
    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "upgrade", "content-length",
            "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol",
            "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection");

    private final HttpClient http;
    private final HandshakeWebSocketService clientHandshake = new HandshakeWebSocketService();
    private final StatusWriter statusWriter;

    WebSocketProxyFilter(HttpClient http, StatusWriter statusWriter) {
        this.http = http;
        this.statusWriter = statusWriter;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI backend = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        HttpHeaders headers = exchange.getRequest().getHeaders();
        if (backend == null || ServerWebExchangeUtils.isAlreadyRouted(exchange)
                || !"websocket".equalsIgnoreCase(headers.getUpgrade())) {
            return chain.filter(exchange);
        }
        ServerWebExchangeUtils.setAlreadyRouted(exchange);
        List<String> protocols = headers.getOrEmpty("Sec-WebSocket-Protocol");
        WebsocketClientSpec.Builder spec = WebsocketClientSpec.builder().maxFramePayloadLength(MAX_MESSAGE);
        if (!protocols.isEmpty()) {
            spec.protocols(String.join(",", protocols));
        }
        return http.headers(out -> headers.forEach((name, values) -> {
                    if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                        out.add(name, values);
                    }
                }))
                .websocket(spec.build())
                .uri(webSocketUri(backend))
                .handle((in, out) -> {
                    // The upgrade's Mono completes once the client is upgraded; the backend's
                    // connection must stay open until the relay ends. The client is upgraded on
                    // its own connection's event loop, as Reactor Netty expects: run from the
                    // backend's, the client's first message was now and then dropped as stray
                    // HTTP content (kubectl cp lost its tar header: "invalid tar magic").
                    Sinks.Empty<Void> relayed = Sinks.empty();
                    return Mono.defer(() -> clientHandshake.handleRequest(exchange, relay(in, out, relayed)))
                            .subscribeOn(clientLoop(exchange))
                            .then(relayed.asMono());
                })
                .then()
                .onErrorResume(WebSocketClientHandshakeException.class, refused -> passOn(refused, exchange))
                .onErrorResume(e -> !exchange.getResponse().isCommitted(), e -> statusWriter.write(
                        exchange.getResponse(), KubeStatus.serviceUnavailable("the API server at "
                                + backend.getRawAuthority() + " does not answer (" + e.getMessage() + ")")));
    }

    /** The event loop of the client's connection (the immediate scheduler if it cannot be found). */
    private static Scheduler clientLoop(ServerWebExchange exchange) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (nativeRequest instanceof Connection connection) {
            return Schedulers.fromExecutor(connection.channel().eventLoop());
        }
        return Schedulers.immediate();
    }

    /** The client's side, accepted with the backend's subprotocol, piped to the backend's. */
    private static WebSocketHandler relay(WebsocketInbound in, WebsocketOutbound out, Sinks.Empty<Void> relayed) {
        String protocol = in.selectedSubprotocol();
        return new WebSocketHandler() {
            @Override
            public List<String> getSubProtocols() {
                return protocol == null ? List.of() : List.of(protocol);
            }

            @Override
            public Mono<Void> handle(WebSocketSession session) {
                // the backend's close status goes to the client as the last thing sent
                Mono<WebSocketMessage> close = in.receiveCloseStatus()
                        .defaultIfEmpty(WebSocketCloseStatus.NORMAL_CLOSURE)
                        .flatMap(status -> session.close(new CloseStatus(status.code(), status.reasonText())))
                        .then(Mono.empty());
                Mono<Void> toClient = session.send(in.aggregateFrames(MAX_MESSAGE).receiveFrames()
                                .filter(f -> f instanceof BinaryWebSocketFrame || f instanceof TextWebSocketFrame)
                                .map(f -> toClientMessage(session, f))
                                .concatWith(close))
                        .onErrorResume(e -> session.close(CloseStatus.GOING_AWAY));
                // Each client message is sent on its own: were the client's stream handed to the
                // backend's outbound, the backend's close would cancel it, and a cancelled
                // inbound makes the server close the client with no status (1005). Its bytes are
                // copied as it arrives (map), not when its turn to be sent comes (concatMap
                // queues): the server releases a message's buffer once onNext returns, and a
                // queued one would be sent empty or not at all (kubectl cp lost its tar stream).
                Mono<Void> toBackend = session.receive()
                        .filter(m -> m.getType() == WebSocketMessage.Type.BINARY
                                || m.getType() == WebSocketMessage.Type.TEXT)
                        .map(WebSocketProxyFilter::toBackendFrame)
                        .concatMap(frame -> out.sendObject(Mono.just(frame)).then()
                                .onErrorResume(backendGone -> Mono.empty()))
                        .then(Mono.defer(out::sendClose))
                        .onErrorResume(e -> Mono.empty());
                return Mono.when(toClient, toBackend).doFinally(signal -> relayed.tryEmitEmpty());
            }
        };
    }

    private static WebSocketMessage toClientMessage(WebSocketSession session, WebSocketFrame frame) {
        ByteBuf content = frame.content();
        byte[] bytes = new byte[content.readableBytes()];
        content.readBytes(bytes);
        return frame instanceof TextWebSocketFrame
                ? session.textMessage(new String(bytes, StandardCharsets.UTF_8))
                : session.binaryMessage(factory -> factory.wrap(bytes));
    }

    private static WebSocketFrame toBackendFrame(WebSocketMessage message) {
        byte[] bytes = new byte[message.getPayload().readableByteCount()];
        message.getPayload().read(bytes);
        return message.getType() == WebSocketMessage.Type.TEXT
                ? new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes))
                : new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes));
    }

    /** The backend refused the upgrade: its status and body go to the client as they are. */
    private Mono<Void> passOn(WebSocketClientHandshakeException refused, ServerWebExchange exchange) {
        var response = refused.response();
        if (response == null) {
            return statusWriter.write(exchange.getResponse(), KubeStatus.serviceUnavailable(
                    "the API server refused the WebSocket upgrade: " + refused.getMessage()));
        }
        byte[] body = new byte[0];
        if (response instanceof FullHttpResponse full && full.content().refCnt() > 0) {
            body = new byte[full.content().readableBytes()];
            full.content().getBytes(full.content().readerIndex(), body);
        }
        exchange.getResponse().setStatusCode(HttpStatus.valueOf(response.status().code()));
        String type = response.headers().get("Content-Type");
        exchange.getResponse().getHeaders().setContentType(type == null ? MediaType.APPLICATION_JSON
                : MediaType.parseMediaType(type));
        byte[] bytes = body;
        return exchange.getResponse().writeWith(Mono.fromSupplier(() -> exchange.getResponse().bufferFactory().wrap(bytes)));
    }

    private static URI webSocketUri(URI backend) {
        String scheme = "https".equalsIgnoreCase(backend.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + backend.toString().substring(backend.getScheme().length()));
    }

    /** Just before the stock WebSocket routing ({@code LOWEST_PRECEDENCE - 1}), which no request reaches now. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 2;
    }
}
