package io.kubelite.gateway.routing;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.kubelite.gateway.GatewayProperties;

/**
 * Which backend serves which path. The route id names the component; it appears in the 503
 * message when that component is unreachable. {@code /apis/metrics.k8s.io} is checked first
 * because {@code /apis/**} would also match it.
 */
@Configuration(proxyBeanMethods = false)
class BackendRoutes {

    static final String OBJECT_STORE = "object-store-service";
    static final String AUTOSCALER = "autoscaler-service";

    @Bean
    RouteLocator kubeliteRoutes(RouteLocatorBuilder builder, GatewayProperties properties) {
        return builder.routes()
                .route(AUTOSCALER, r -> r.order(0)
                        .path("/apis/metrics.k8s.io/**")
                        .uri(properties.autoscalerUri()))
                .route(OBJECT_STORE, r -> r.order(1)
                        .path("/api/**", "/apis/**", "/openapi/**", "/version", "/version/",
                                "/healthz/**", "/readyz/**", "/livez/**", "/metrics")
                        .uri(properties.objectStoreUri()))
                .build();
    }
}
