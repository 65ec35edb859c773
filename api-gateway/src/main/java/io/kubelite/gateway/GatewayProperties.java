package io.kubelite.gateway;

import java.net.URI;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where the gateway sends requests and whom it lets in ({@code kubelite.gateway.*}).
 *
 * @param objectStoreUri     the API server: {@code /api}, {@code /apis}, {@code /openapi},
 *                           {@code /version} and the health endpoints
 * @param autoscalerUri      serves {@code /apis/metrics.k8s.io}
 * @param tokensFile         Kubernetes static token file ({@code token,user,uid,"group1,group2"}),
 *                           relative to the working directory unless absolute; re-read when it changes
 * @param maxRequestBodySize larger request bodies are refused with 413, as kube-apiserver's
 *                           default {@code --max-request-body-bytes} of 3 MiB does
 *
 * <p>{@code kubelite.gateway.event-loop-threads} is read before the context exists, by
 * {@link io.kubelite.gateway.routing.EventLoops}.
 */
@ConfigurationProperties("kubelite.gateway")
public record GatewayProperties(
        @DefaultValue("http://127.0.0.1:18081") URI objectStoreUri,
        @DefaultValue("http://127.0.0.1:18084") URI autoscalerUri,
        @DefaultValue(".kubelite/tokens.csv") Path tokensFile,
        @DefaultValue("3MB") DataSize maxRequestBodySize) {
}
