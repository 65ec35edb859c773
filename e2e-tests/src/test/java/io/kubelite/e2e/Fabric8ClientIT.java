package io.kubelite.e2e;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The fabric8 Kubernetes client — what every kubelite controller talks to the API with — against
 * the cluster {@code ./kubelite up} starts: CRUD with optimistic concurrency, and leader election
 * on a coordination.k8s.io Lease. (Controllers follow changes through Kafka, not HTTP watches.)
 */
class Fabric8ClientIT {

    static KubernetesClient client;

    @BeforeAll
    static void connect() throws Exception {
        LocalCluster cluster = LocalCluster.get();
        Config config = Config.fromKubeconfig(Files.readString(cluster.kubeconfig()));
        client = new KubernetesClientBuilder().withConfig(config).build();
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void createsReadsUpdatesAndRefusesAStaleUpdate() {
        ConfigMap created = client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("fabric8-cm").endMetadata().withData(Map.of("k", "v1")).build()).create();
        assertThat(created.getMetadata().getUid()).isNotEmpty();
        ConfigMap read = client.configMaps().inNamespace("default").withName("fabric8-cm").get();
        assertThat(read.getData()).containsEntry("k", "v1");

        read.getData().put("k", "v2");
        ConfigMap updated = client.configMaps().inNamespace("default").resource(read).update();
        assertThat(updated.getMetadata().getResourceVersion()).isNotEqualTo(read.getMetadata().getResourceVersion());

        read.getData().put("k", "stale");
        assertThatThrownBy(() -> client.configMaps().inNamespace("default").resource(read).update())
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(409));
        assertThat(client.configMaps().inNamespace("default").withName("fabric8-cm").get().getData())
                .containsEntry("k", "v2");
    }

    /** Two candidates for one Lease: one leads; when it stops, the other takes over within the lease duration. */
    /**
     * fabric8's {@code watch()} asks for a WebSocket and returns once the watch is open: on an empty
     * namespace it waited for ever when the API server answered the upgrade with a streamed response.
     */
    @Test
    void watchesANewNamespaceOverAWebSocketAndSeesEveryChange() throws Exception {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("fabric8-watch").endMetadata()
                .build()).create();
        List<String> seen = new CopyOnWriteArrayList<>();
        // one object by name: a new namespace is not quite empty, it holds kube-root-ca.crt (as in Kubernetes)
        CompletableFuture<Watch> opened = CompletableFuture.supplyAsync(() -> client.configMaps()
                .inNamespace("fabric8-watch").withField("metadata.name", "w").watch(new Watcher<ConfigMap>() {
                    @Override
                    public void eventReceived(Action action, ConfigMap cm) {
                        seen.add(action + " " + cm.getMetadata().getName() + " " + cm.getData());
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        seen.add("closed " + cause.getMessage());
                    }
                }));
        try (Watch watch = opened.get(10, TimeUnit.SECONDS)) {
            var configMaps = client.configMaps().inNamespace("fabric8-watch");
            configMaps.resource(new ConfigMapBuilder().withNewMetadata().withName("w").endMetadata()
                    .withData(Map.of("k", "v1")).build()).create();
            configMaps.withName("w").edit(cm -> new ConfigMapBuilder(cm).withData(Map.of("k", "v2")).build());
            configMaps.withName("w").delete();
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 3);
            assertThat(seen).containsExactly("ADDED w {k=v1}", "MODIFIED w {k=v2}", "DELETED w {k=v2}");
        } finally {
            client.namespaces().withName("fabric8-watch").delete();
        }
    }

    @Test
    void leaderElectionOnALeaseFailsOver() {
        List<String> leaders = new CopyOnWriteArrayList<>();
        AtomicReference<CompletableFuture<?>> first = new AtomicReference<>();
        LeaderElector a = elector("candidate-a", leaders);
        LeaderElector b = elector("candidate-b", leaders);
        first.set(a.start());
        await("candidate-a leads").atMost(Duration.ofSeconds(20)).until(() -> leaders.contains("candidate-a"));
        CompletableFuture<?> second = b.start();
        try {
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> !leaders.contains("candidate-b"));
            assertThat(client.leases().inNamespace("kube-system").withName("e2e-election").get()
                    .getSpec().getHolderIdentity()).isEqualTo("candidate-a");
            first.get().cancel(true);
            await("candidate-b takes over").atMost(Duration.ofSeconds(30)).until(() -> leaders.contains("candidate-b"));
            assertThat(client.leases().inNamespace("kube-system").withName("e2e-election").get()
                    .getSpec().getHolderIdentity()).isEqualTo("candidate-b");
        } finally {
            second.cancel(true);
            first.get().cancel(true);
        }
    }

    private LeaderElector elector(String identity, List<String> leaders) {
        return client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName("e2e-election")
                .withLock(new LeaseLock("kube-system", "e2e-election", identity))
                .withLeaseDuration(Duration.ofSeconds(6))
                .withRenewDeadline(Duration.ofSeconds(4))
                .withRetryPeriod(Duration.ofSeconds(1))
                .withReleaseOnCancel(false)
                .withLeaderCallbacks(new LeaderCallbacks(() -> leaders.add(identity), () -> { }, newLeader -> { }))
                .build()).build();
    }
}
