package io.kubelite.controller.client;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * How a controller reaches the cluster: the gateway's URL with the service's own token (and the
 * CA that signed the gateway's certificate), and the Kafka brokers carrying the change streams.
 * The {@code kubelite} script passes these to every service as environment variables; in
 * containers (docker compose, the Helm chart) the token comes from a file instead, as a pod's
 * service-account token does.
 *
 * @param apiServer             KUBELITE_API_SERVER, e.g. {@code https://127.0.0.1:6443}
 * @param token                 KUBELITE_API_TOKEN, the service account's bearer token, or the
 *                              content of the file KUBELITE_API_TOKEN_FILE names (trimmed)
 * @param caFile                KUBELITE_API_CA_FILE, PEM; null to trust the JVM's default CAs
 * @param kafkaBootstrapServers KUBELITE_KAFKA_BOOTSTRAP_SERVERS, e.g. {@code 127.0.0.1:19092}
 */
public record ClusterConnection(String apiServer, String token, String caFile, String kafkaBootstrapServers) {

    private static final String VERSION = "0.1.0";

    public static ClusterConnection fromEnvironment() {
        return fromMap(System.getenv());
    }

    static ClusterConnection fromMap(Map<String, String> env) {
        String api = env.get("KUBELITE_API_SERVER");
        if (api == null || api.isBlank()) {
            throw new IllegalStateException("KUBELITE_API_SERVER is not set: start services with ./kubelite up, "
                    + "or set it to the gateway's URL (e.g. https://127.0.0.1:6443) with KUBELITE_API_TOKEN");
        }
        return new ClusterConnection(api, token(env), blankToNull(env.get("KUBELITE_API_CA_FILE")),
                env.getOrDefault("KUBELITE_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"));
    }

    private static String token(Map<String, String> env) {
        String token = blankToNull(env.get("KUBELITE_API_TOKEN"));
        String file = blankToNull(env.get("KUBELITE_API_TOKEN_FILE"));
        if (token != null || file == null) {
            return token;
        }
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("KUBELITE_API_TOKEN_FILE names " + file
                    + ", which cannot be read: " + e.getMessage(), e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * A fabric8 client for the gateway, authenticated with this connection's token. Its
     * User-Agent starts with {@code component} ({@code scheduler-service/0.1.0 kubelite}), which
     * names the component's writes in {@code metadata.managedFields}, as {@code kube-scheduler}
     * names kube-scheduler's.
     */
    public KubernetesClient newClient(String component) {
        ConfigBuilder config = new ConfigBuilder(Config.empty())
                .withMasterUrl(apiServer)
                .withUserAgent(component + "/" + VERSION + " kubelite")
                .withOauthToken(token)
                .withRequestTimeout(30_000)
                .withConnectionTimeout(10_000)
                .withMaxConcurrentRequests(256)
                .withMaxConcurrentRequestsPerHost(256);
        if (caFile != null) {
            config.withCaCertFile(caFile);
        }
        return new KubernetesClientBuilder().withConfig(config.build()).build();
    }
}
