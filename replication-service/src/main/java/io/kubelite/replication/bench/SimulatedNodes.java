package io.kubelite.replication.bench;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * For benchmarks only (as kubemark's hollow nodes): Node objects labelled
 * {@code kubelite.io/simulated=true}, Ready, with room for 110 pods each, whose Leases in
 * {@code kube-node-lease} are renewed every 5 s, each on its own schedule as each agent would, so
 * that a slow API delays no renewal past the next; the scheduler binds
 * pods to them and the node lifecycle controller keeps them Ready. The benchmark's
 * {@link SimulatedKubelet} plays their agents.
 */
final class SimulatedNodes implements AutoCloseable {

    static final String PREFIX = "bench-node-";
    static final String LABEL = "kubelite.io/simulated";

    private final KubernetesClient client;
    private final int count;
    /** Kubernetes' MicroTime: always six fractional digits. */
    private static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final AtomicLong writes = new AtomicLong();
    private final ScheduledExecutorService renewals = Executors.newScheduledThreadPool(4);

    SimulatedNodes(KubernetesClient client, int count) {
        this.client = client;
        this.count = count;
    }

    /** Lease renewals so far. */
    long writes() {
        return writes.get();
    }

    static boolean isOne(String nodeName) {
        return nodeName != null && nodeName.startsWith(PREFIX);
    }

    void start() {
        String now = now();
        for (int i = 0; i < count; i++) {
            String name = PREFIX + i;
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
                    .withLabels(Map.of(LABEL, "true", "kubernetes.io/hostname", name)).endMetadata()
                    .withNewStatus()
                    .withCapacity(Map.of("cpu", new Quantity("64"), "memory", new Quantity("256Gi"), "pods", new Quantity("110")))
                    .withAllocatable(Map.of("cpu", new Quantity("64"), "memory", new Quantity("256Gi"), "pods", new Quantity("110")))
                    .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                    .withLastHeartbeatTime(now).withLastTransitionTime(now).endCondition()
                    .endStatus().build()).createOr(existing -> existing.update());
            client.leases().inNamespace("kube-node-lease").resource(new LeaseBuilder().withNewMetadata().withName(name)
                    .endMetadata().withNewSpec().withHolderIdentity(name).withLeaseDurationSeconds(40)
                    .withRenewTime(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)).endSpec().build())
                    .createOr(existing -> existing.update());
        }
        for (int i = 0; i < count; i++) {
            String name = PREFIX + i;
            renewals.scheduleAtFixedRate(() -> renew(name), 5000 + 200L * i, 5000, TimeUnit.MILLISECONDS);
        }
    }

    private void renew(String name) {
        String patch = "{\"spec\":{\"renewTime\":\"" + MICRO_TIME.format(Instant.now()) + "\"}}";
        try {
            client.leases().inNamespace("kube-node-lease").withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            writes.incrementAndGet();
        } catch (RuntimeException e) {
            System.err.println("lease renewal of " + name + " failed: " + e.getMessage());
        }
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Override
    public void close() {
        renewals.shutdownNow();
        for (int i = 0; i < count; i++) {
            client.nodes().withName(PREFIX + i).delete();
            client.leases().inNamespace("kube-node-lease").withName(PREFIX + i).delete();
        }
    }
}
