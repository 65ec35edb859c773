package io.kubelite.nodeagent;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * The API client every agent uses: the gateway's address and this node's token from the
 * environment the {@code kubelite} script sets (KUBELITE_API_SERVER, KUBELITE_API_TOKEN,
 * KUBELITE_API_CA_FILE).
 */
final class ApiClients {

    private ApiClients() {
    }

    static KubernetesClient fromEnvironment() {
        String server = env("KUBELITE_API_SERVER", "https://127.0.0.1:6443");
        ConfigBuilder config = new ConfigBuilder(Config.empty())
                .withMasterUrl(server)
                .withOauthToken(env("KUBELITE_API_TOKEN", ""))
                .withRequestTimeout(30_000)
                .withConnectionTimeout(10_000)
                .withMaxConcurrentRequests(256)
                .withMaxConcurrentRequestsPerHost(256);
        String ca = env("KUBELITE_API_CA_FILE", "");
        if (!ca.isEmpty()) {
            config.withCaCertFile(ca);
        }
        return new KubernetesClientBuilder().withConfig(config.build()).build();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
