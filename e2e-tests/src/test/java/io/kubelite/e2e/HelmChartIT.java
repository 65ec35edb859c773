package io.kubelite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.Release;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart in helm/ through Helm itself (its library, helm-java): it lints clean, says what is
 * missing, and an API server — kubelite's own, standing in here for "an existing Kubernetes
 * cluster" — takes a real install (every object created), an upgrade (credentials kept) and an
 * uninstall.
 */
class HelmChartIT {

    static final String NS = "helm-chart";
    static final String RELEASE = "kl";
    static LocalCluster cluster;
    static Kubectl kubectl;
    static Path chart;

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.get();
        kubectl = new Kubectl(cluster.kubeconfig());
        chart = cluster.home.resolve("helm/kubelite");
        assertThat(kubectl.run("create", "namespace", NS).code()).isZero();
    }

    @AfterAll
    static void removeTheNamespace() {
        if (kubectl != null) {
            kubectl.run("delete", "namespace", NS, "--wait=false");
        }
    }

    /**
     * {@code helm install --dry-run=server}: renders against this cluster (the chart's {@code lookup}
     * of credentials it made before needs one) without creating anything.
     */
    static InstallCommand dryRun() {
        return Helm.install(chart.toString()).withName(RELEASE).withNamespace(NS).withKubeConfig(cluster.kubeconfig())
                .withDryRunOption(DryRun.SERVER);
    }

    /** Helm's lint (strict), on a copy of the chart whose values.yaml holds what a user must give. */
    @Test
    void theChartLintsClean() throws Exception {
        Path copy = Files.createTempDirectory("kubelite-chart").resolve("kubelite");
        try (var files = Files.walk(chart)) {
            for (Path source : files.toList()) {
                Files.copy(source, copy.resolve(chart.relativize(source).toString()));
            }
        }
        String values = Files.readString(copy.resolve("values.yaml"));
        String filled = values
                .replace("  url: \"\"", "  url: \"jdbc:postgresql://postgres.db.svc:5432/kubelite\"")
                .replace("  bootstrapServers: \"\"", "  bootstrapServers: \"kafka.kafka.svc:9092\"")
                .replace("nodeAgent:\n  enabled: false", "nodeAgent:\n  enabled: true");
        assertThat(filled).contains("  url: \"jdbc:postgresql://postgres.db.svc:5432/kubelite\"",
                "  bootstrapServers: \"kafka.kafka.svc:9092\"", "nodeAgent:\n  enabled: true");
        Files.writeString(copy.resolve("values.yaml"), filled);

        LintResult lint = new Helm(copy).lint().strict().call();

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void withoutADatabaseOrKafkaItSaysWhatIsRequired() {
        assertThatThrownBy(() -> dryRun().set("kafka.bootstrapServers", "kafka:9092").call())
                .hasMessageContaining("postgresql.url is required");
        assertThatThrownBy(() -> dryRun().set("postgresql.url", "jdbc:postgresql://db:5432/kubelite").call())
                .hasMessageContaining("kafka.bootstrapServers is required");
    }

    @Test
    void helmInstallsUpgradesAndUninstallsARelease() throws Exception {
        Release installed = Helm.install(chart.toString()).withName(RELEASE).withNamespace(NS)
                .withKubeConfig(cluster.kubeconfig())
                .set("postgresql.url", "jdbc:postgresql://postgres.db.svc:5432/kubelite")
                .set("kafka.bootstrapServers", "kafka.kafka.svc:9092")
                // objects only: no control plane pods inside this cluster (no replicas, no node matches)
                .set("objectStore.replicas", "0").set("gateway.replicas", "0").set("scheduler.replicas", "0")
                .set("replication.replicas", "0").set("autoscaler.replicas", "0").set("dns.replicas", "0")
                .set("nodeAgent.enabled", "true").set("nodeAgent.nodeSelector.kubelite\\.io/no-such-label", "x")
                .call();

        assertThat(installed.getStatus()).isEqualTo("deployed");
        var objects = kubectl.run("get", "deployments,daemonsets,services,secrets", "-n", NS,
                "-l", "app.kubernetes.io/instance=" + RELEASE, "-o", "name");
        assertThat(objects.stdout().lines().sorted().toList()).as(objects.all()).containsExactly(
                "daemonset.apps/kl-kubelite-node-agent",
                "deployment.apps/kl-kubelite-api-gateway",
                "deployment.apps/kl-kubelite-autoscaler",
                "deployment.apps/kl-kubelite-dns",
                "deployment.apps/kl-kubelite-object-store",
                "deployment.apps/kl-kubelite-replication",
                "deployment.apps/kl-kubelite-scheduler",
                "secret/kl-kubelite-credentials",
                "secret/kl-kubelite-tls",
                "service/kl-kubelite-api-gateway",
                "service/kl-kubelite-autoscaler",
                "service/kl-kubelite-object-store",
                "service/kl-kubelite-replication",
                "service/kl-kubelite-scheduler");
        assertThat(kubectl.run("get", "deployment", "kl-kubelite-object-store", "-n", NS,
                "-o", "jsonpath={.spec.template.spec.containers[0].image}").stdout())
                .isEqualTo("kubelite/object-store-service:0.1.0-SNAPSHOT");
        assertThat(kubectl.run("get", "deployment", "kl-kubelite-dns", "-n", NS,
                "-o", "jsonpath={.spec.template.spec.containers[0].env[?(@.name==\"KUBELITE_DNS_CLUSTER_IP\")].value}").stdout())
                .isEqualTo("10.250.0.10");
        String token = kubectl.run("get", "secret", "kl-kubelite-credentials", "-n", NS,
                "-o", "jsonpath={.data.admin}").stdout();
        assertThat(token).isNotBlank();
        assertThat(kubectl.run("get", "secret", "kl-kubelite-credentials", "-n", NS,
                "-o", "jsonpath={.data.tokens\\.csv}").stdout()).isNotBlank();
        assertThat(kubectl.run("get", "secret", "kl-kubelite-tls", "-n", NS, "-o", "jsonpath={.type}").stdout())
                .isEqualTo("kubernetes.io/tls");
        String serviceAccountKey = kubectl.run("get", "secret", "kl-kubelite-tls", "-n", NS,
                "-o", "jsonpath={.data.service-account\\.key}").stdout();
        assertThat(new String(Base64.getDecoder().decode(serviceAccountKey))).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        // each component reads only the credentials it uses: the agents (one per node, beside its
        // Docker engine) never the admin token, the CA keys or the service account key
        assertThat(projected("daemonset", "kl-kubelite-node-agent"))
                .isEqualTo("tls: ca.crt;credentials: node-agent kubelet-client.sha256;docker-socket:;state:;");
        assertThat(projected("deployment", "kl-kubelite-object-store"))
                .isEqualTo("tls: service-account.key;credentials: front-proxy kubelet-client;");
        assertThat(projected("deployment", "kl-kubelite-api-gateway"))
                .isEqualTo("tls: tls.crt tls.key client-ca.crt service-account.key;credentials: tokens.csv front-proxy;");
        assertThat(projected("deployment", "kl-kubelite-replication"))
                .isEqualTo("tls: ca.crt client-ca.crt client-ca.key;credentials: replication-service;");
        assertThat(projected("deployment", "kl-kubelite-autoscaler"))
                .isEqualTo("tls: ca.crt;credentials: autoscaler-service front-proxy;");
        assertThat(projected("deployment", "kl-kubelite-scheduler")).isEqualTo("tls: ca.crt;credentials: scheduler-service;");
        assertThat(kubectl.run("get", "deployment", "kl-kubelite-replication", "-n", NS, "-o",
                "jsonpath={.spec.template.metadata.annotations.prometheus\\.io/path}").stdout())
                .isEqualTo("/actuator/prometheus");
        assertThat(kubectl.run("get", "deployment", "kl-kubelite-scheduler", "-n", NS, "-o",
                "jsonpath={.spec.template.metadata.annotations.prometheus\\.io/path}").stdout()).isEqualTo("/metrics");
        assertThat(kubectl.run("get", "deployment", "kl-kubelite-object-store", "-n", NS, "-o",
                "jsonpath={.spec.template.spec.containers[0].env[?(@.name==\"KUBELITE_COMPONENTSTATUS_SCHEDULER\")].value}")
                .stdout()).as("componentstatuses probe the scheduler's Service, not loopback")
                .isEqualTo("http://kl-kubelite-scheduler:8080/actuator/health");
        String kubeletClient = secretValue("kubelet-client");
        assertThat(kubeletClient).hasSize(48);
        assertThat(secretValue("kubelet-client\\.sha256")).as("the agents' digest of the API server's token")
                .isEqualTo(sha256(kubeletClient));
        assertThat(secretValue("front-proxy")).hasSize(48).isNotEqualTo(kubeletClient);
        assertThat(kubectl.run("get", "daemonset", "kl-kubelite-node-agent", "-n", NS, "-o",
                "jsonpath={.spec.template.spec.containers[0].ports[0].containerPort}").stdout())
                .as("not 10250, the host cluster's kubelet's").isEqualTo("10350");

        Release upgraded = Helm.upgrade(chart.toString()).withName(RELEASE).withNamespace(NS)
                .withKubeConfig(cluster.kubeconfig()).reuseValues()
                .set("gateway.service.type", "NodePort")
                .call();
        assertThat(upgraded.getStatus()).isEqualTo("deployed");
        assertThat(upgraded.getRevision()).isEqualTo("2");
        assertThat(kubectl.run("get", "service", "kl-kubelite-api-gateway", "-n", NS, "-o", "jsonpath={.spec.type}").stdout())
                .isEqualTo("NodePort");
        assertThat(kubectl.run("get", "secret", "kl-kubelite-credentials", "-n", NS,
                "-o", "jsonpath={.data.admin}").stdout()).as("the tokens survive an upgrade").isEqualTo(token);
        assertThat(secretValue("kubelet-client")).as("and the components' own").isEqualTo(kubeletClient);
        assertThat(kubectl.run("get", "secret", "kl-kubelite-tls", "-n", NS,
                "-o", "jsonpath={.data.service-account\\.key}").stdout()).as("and the signing key").isEqualTo(serviceAccountKey);

        String out = Helm.uninstall(RELEASE).withNamespace(NS).withKubeConfig(cluster.kubeconfig()).call();
        assertThat(out).contains("uninstalled");
        for (String kind : List.of("deployments", "daemonsets", "services", "secrets")) {
            assertThat(kubectl.run("get", kind, "-n", NS, "-o", "name").stdout()).as(kind).isBlank();
        }
    }

    /** "volume: key key;…" — which Secret keys each volume of a workload's pod template projects. */
    static String projected(String kind, String name) {
        return kubectl.run("get", kind, name, "-n", NS, "-o",
                "jsonpath={range .spec.template.spec.volumes[*]}{.name}: {range .secret.items[*]}{.key} {end};{end}")
                .stdout().replace(" ;", ";");
    }

    static String secretValue(String key) {
        return new String(Base64.getDecoder().decode(kubectl.run("get", "secret", "kl-kubelite-credentials", "-n", NS,
                "-o", "jsonpath={.data." + key + "}").stdout().strip()), java.nio.charset.StandardCharsets.UTF_8);
    }

    static String sha256(String s) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
