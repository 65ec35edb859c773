package io.kubelite.controller.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Leader election on a {@code coordination.k8s.io/v1} Lease through the API, with fabric8's
 * {@link LeaderElector} (the client-go algorithm): the holder renews every {@code retryPeriod};
 * a candidate takes the lease once it has not been renewed for {@code leaseDuration}. With
 * Kubernetes' defaults (15 s / 10 s / 2 s) a dead leader is replaced within about 17 s.
 *
 * <p>When the leader loses the lease it stops leading ({@code onStoppedLeading}) and stands
 * again, so a process that lost it to a network blip can lead again later.
 */
public final class LeaderElection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

    public record Timing(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
        /** kube-controller-manager's defaults. */
        public static final Timing DEFAULTS = new Timing(Duration.ofSeconds(15), Duration.ofSeconds(10),
                Duration.ofSeconds(2));
    }

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final String identity;
    private final Timing timing;
    private final Runnable onStartedLeading;
    private final Runnable onStoppedLeading;
    private final AtomicBoolean leading = new AtomicBoolean();
    private volatile boolean running;
    private volatile CompletableFuture<?> current;
    private Thread thread;

    public LeaderElection(KubernetesClient client, String namespace, String name, String identity, Timing timing,
            Runnable onStartedLeading, Runnable onStoppedLeading) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = namespace;
        this.name = name;
        this.identity = identity;
        this.timing = timing;
        this.onStartedLeading = onStartedLeading;
        this.onStoppedLeading = onStoppedLeading;
    }

    public String identity() {
        return identity;
    }

    public boolean isLeader() {
        return leading.get();
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "leader-election-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            LeaderElector elector = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                    .withName(name)
                    .withLock(new LeaseLock(namespace, name, identity))
                    .withLeaseDuration(timing.leaseDuration())
                    .withRenewDeadline(timing.renewDeadline())
                    .withRetryPeriod(timing.retryPeriod())
                    .withReleaseOnCancel(true)
                    .withLeaderCallbacks(new LeaderCallbacks(this::startedLeading, this::stoppedLeading,
                            newLeader -> LOG.atInfo().addKeyValue("lease", namespace + "/" + name)
                                    .addKeyValue("leader", newLeader).log("Leader is now {}", newLeader)))
                    .build()).build();
            CompletableFuture<?> future = elector.start();
            current = future;
            try {
                future.join();
            } catch (RuntimeException e) {
                if (running) {
                    LOG.atWarn().addKeyValue("lease", namespace + "/" + name).log("Leader election ended: {}", e.toString());
                }
            }
            if (running) {
                sleep(timing.retryPeriod());
            }
        }
    }

    private void startedLeading() {
        leading.set(true);
        LOG.atInfo().addKeyValue("lease", namespace + "/" + name).addKeyValue("identity", identity).log("Started leading");
        onStartedLeading.run();
    }

    private void stoppedLeading() {
        if (leading.compareAndSet(true, false)) {
            LOG.atInfo().addKeyValue("lease", namespace + "/" + name).addKeyValue("identity", identity).log("Stopped leading");
            onStoppedLeading.run();
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        CompletableFuture<?> future = current;
        if (future != null) {
            future.cancel(true);
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stoppedLeading();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
