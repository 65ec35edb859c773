package io.kubelite.replication.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The replication benchmark, against the cluster of {@code $KUBECONFIG}: pods select
 * {@value #NODES} {@link SimulatedNodes simulated nodes} (the cluster's scheduler binds them there)
 * whose agent, a {@link SimulatedKubelet}, makes them Running and Ready:
 * <ol>
 *   <li>a ReplicaSet scaled 0 → N, R times (each a new ReplicaSet, scaled back to 0 before the
 *       next; the last stays): seconds until N pods are Ready and counted in its status. The first
 *       run meets a freshly started cluster ("cold": its JVMs have not yet compiled the pod paths;
 *       the API server's optimizing compiler needs several thousand requests of a kind), the last
 *       one is reported as "warm";</li>
 *   <li>a Deployment of N rolled to a new image (maxSurge/maxUnavailable 25%): seconds until
 *       {@code kubectl rollout status} would say "successfully rolled out".</li>
 * </ol>
 * API writes are counted by the cluster-wide resourceVersion (one per write), minus the
 * simulated nodes' own (pod status writes, removals of deleted pods, Lease renewals), per replica. Usage: {@code ReplicationBench [N [R]]} (defaults 1000 and 4).
 */
public final class ReplicationBench {

    private static final String NS = "bench-replication";
    /** Room for 2,750 pods: the last scale-up's 1,000 stay while the rollout surges to 1,250. */
    static final int NODES = 25;

    private final KubernetesClient client;

    ReplicationBench(KubernetesClient client) {
        this.client = client;
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            new ReplicationBench(client).run(n, runs);
        }
        System.exit(0);
    }

    void run(int n, int runs) throws Exception {
        freshNamespace();
        String kafka = System.getenv().getOrDefault("KUBELITE_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
        try (SimulatedNodes nodes = new SimulatedNodes(client, NODES);
             SimulatedKubelet kubelet = new SimulatedKubelet(client, kafka, NS)) {
            nodes.start();
            kubelet.start();
            LongSupplier agents = () -> kubelet.writes() + nodes.writes();
            for (int run = 1; run <= runs; run++) {
                String name = "scale-" + run;
                String when = run == 1 ? "cold cluster" : run == runs ? "warm" : "warming up";
                scaleUp(name, n, agents, "run " + run + ", " + when);
                if (run < runs) {
                    scaleDown(name, n);
                }
            }
            rollout(n, agents);
        }
        deleteNamespace();
    }

    /** Namespace deletion conflicts while its contents still change; a few tries. */
    private void deleteNamespace() throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                client.namespaces().withName(NS).delete();
                return;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    /** Scales ReplicaSet {@code name} (created with 0 replicas) to {@code n} and reports the seconds to converge. */
    private void scaleUp(String name, int n, LongSupplier agents, String label) throws InterruptedException {
        client.apps().replicaSets().inNamespace(NS).resource(new ReplicaSetBuilder().withNewMetadata().withName(name)
                .endMetadata().withNewSpec().withReplicas(0).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withTemplate(template(name, "bench:v1")).endSpec().build()).create();
        Thread.sleep(2000);
        long rv0 = resourceVersion();
        long k0 = agents.getAsLong();
        long t0 = System.nanoTime();
        client.apps().replicaSets().inNamespace(NS).withName(name).scale(n);
        waitFor(Duration.ofMinutes(5), () -> {
            ReplicaSet rs = client.apps().replicaSets().inNamespace(NS).withName(name).get();
            return rs.getStatus() != null && rs.getStatus().getReadyReplicas() != null
                    && rs.getStatus().getReadyReplicas() == n && rs.getStatus().getReplicas() == n;
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        report("ReplicaSet 0 -> " + n + " (" + label + ")", n, seconds, rv0,
                agents.getAsLong() - k0, 1, 10);
    }

    /** Scales ReplicaSet {@code name} back to 0 and waits until its pods are gone. */
    private void scaleDown(String name, int n) throws InterruptedException {
        long t0 = System.nanoTime();
        client.apps().replicaSets().inNamespace(NS).withName(name).scale(0);
        waitFor(Duration.ofMinutes(5), () -> {
            ReplicaSet rs = client.apps().replicaSets().inNamespace(NS).withName(name).get();
            return rs.getStatus() != null && rs.getStatus().getReplicas() != null && rs.getStatus().getReplicas() == 0;
        });
        waitFor(Duration.ofMinutes(1), () -> client.pods().inNamespace(NS).withLabel("app", name).list().getItems().isEmpty());
        System.out.printf("%-45s %7.1f s%n", "ReplicaSet " + n + " -> 0", (System.nanoTime() - t0) / 1e9);
    }

    private void rollout(int n, LongSupplier agents) throws InterruptedException {
        client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder().withNewMetadata().withName("web")
                .endMetadata().withNewSpec().withReplicas(n).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withTemplate(template("web", "bench:v1")).endSpec().build()).create();
        waitFor(Duration.ofMinutes(10), () -> rolledOut(n));
        Thread.sleep(2000);
        long rv0 = resourceVersion();
        long k0 = agents.getAsLong();
        long t0 = System.nanoTime();
        client.apps().deployments().inNamespace(NS).withName("web").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"bench:v2\"}]}}}}");
        waitFor(Duration.ofMinutes(10), () -> rolledOut(n));
        double seconds = (System.nanoTime() - t0) / 1e9;
        report("Deployment of " + n + " rolled to a new image", n, seconds, rv0, agents.getAsLong() - k0, 1, 60);
    }

    /** What {@code kubectl rollout status} checks. */
    private boolean rolledOut(int n) {
        Deployment d = client.apps().deployments().inNamespace(NS).withName("web").get();
        var s = d.getStatus();
        return s != null && s.getObservedGeneration() != null && s.getObservedGeneration() >= d.getMetadata().getGeneration()
                && s.getUpdatedReplicas() != null && s.getUpdatedReplicas() == n && s.getReplicas() != null
                && s.getReplicas() == n && s.getAvailableReplicas() != null && s.getAvailableReplicas() == n;
    }

    private void report(String what, int n, double seconds, long rv0, long agentWrites, long benchWrites, int target) {
        long total = resourceVersion() - rv0; // every write moves the cluster-wide resourceVersion by one
        long controllers = total - agentWrites - benchWrites;
        System.out.printf("%-45s %7.1f s (target <= %d s)  API writes: %d in all, %d simulated nodes, "
                        + "%d controllers and the rest = %.2f per replica%n",
                what, seconds, target, total, agentWrites, controllers, controllers / (double) n);
    }

    private long resourceVersion() {
        // an empty list's resourceVersion is the cluster's current one
        return Long.parseLong(client.configMaps().inNamespace("kube-system").withLabel("bench-none", "x").list()
                .getMetadata().getResourceVersion());
    }

    private static PodTemplateSpec template(String app, String image) {
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(Map.of("app", app)).endMetadata()
                .withNewSpec().withNodeSelector(Map.of(SimulatedNodes.LABEL, "true")).addNewContainer().withName(app)
                .withImage(image).endContainer().endSpec().build();
    }

    private void freshNamespace() throws InterruptedException {
        if (client.namespaces().withName(NS).get() != null) {
            deleteNamespace();
            waitFor(Duration.ofMinutes(2), () -> client.namespaces().withName(NS).get() == null);
        }
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
    }

    private static void waitFor(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("did not converge within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
