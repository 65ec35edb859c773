package io.kubelite.gateway.status;

import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Answers a request with a {@link KubeStatus} body and its HTTP code. */
@Component
public class StatusWriter {

    private final JsonMapper json;

    public StatusWriter(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerHttpResponse response, KubeStatus status) {
        byte[] body = json.writeValueAsBytes(status);
        response.setStatusCode(status.httpStatus());
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().setContentLength(body.length);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }
}
