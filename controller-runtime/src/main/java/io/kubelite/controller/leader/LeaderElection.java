package io.kubelite.controller.leader;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Leader election on a {@code coordination.k8s.io/v1} Lease through the API, client-go's
 * algorithm:
 * <ul>
 *   <li>a candidate takes the Lease when it is free or when its record has not changed for
 *       {@code leaseDuration} as seen on the candidate's own clock (so clocks need not agree);
 *       the update carries the Lease's resourceVersion, so of two candidates one wins;</li>
 *   <li>the leader renews every {@code retryPeriod};</li>
 *   <li>the leader stops leading once it has not renewed for {@code renewDeadline}, checked by
 *       a watchdog independent of the renewing thread, so a renewal stuck in a hung request
 *       cannot keep it leading. With renewDeadline &lt; leaseDuration the old leader has stopped
 *       before any candidate can take over: no split brain.</li>
 * </ul>
 * Example with Kubernetes' defaults (15 s / 10 s / 2 s): the leader is cut off at t=0 after a
 * renewal at t=−1 s; it stops leading at t=9 s; a standby that saw the record change at about
 * t=−1 s takes the Lease at t=14–16 s.
 *
 * <p>fabric8's {@code LeaderElector} is not used because its renew deadline is not enforced
 * while a request hangs (a cut-off leader kept leading for 20 s after its standby took over).
 * After losing the Lease a process stands again, so it can lead again later.
 */
public final class LeaderElection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

    public record Timing(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
        /** kube-controller-manager's defaults. */
        public static final Timing DEFAULTS = new Timing(Duration.ofSeconds(15), Duration.ofSeconds(10),
                Duration.ofSeconds(2));

        public Timing {
            if (renewDeadline.compareTo(leaseDuration) >= 0) {
                throw new IllegalArgumentException("renewDeadline " + renewDeadline + " must be shorter than leaseDuration "
                        + leaseDuration);
            }
        }
    }

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final String identity;
    private final Timing timing;
    private final Clock clock;
    private final Runnable onStartedLeading;
    private final Runnable onStoppedLeading;
    private final ScheduledExecutorService executor;
    private final Object lock = new Object();

    // guarded by lock
    private boolean leading;
    private long term;
    private Instant lastRenew = Instant.MIN;
    private LeaseSpec observed;
    private Instant observedAt = Instant.MIN;
    private boolean closed;

    public LeaderElection(KubernetesClient client, String namespace, String name, String identity, Timing timing,
            Runnable onStartedLeading, Runnable onStoppedLeading) {
        this(client, namespace, name, identity, timing, Clock.systemUTC(), onStartedLeading, onStoppedLeading);
    }

    LeaderElection(KubernetesClient client, String namespace, String name, String identity, Timing timing, Clock clock,
            Runnable onStartedLeading, Runnable onStoppedLeading) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = namespace;
        this.name = name;
        this.identity = identity;
        this.timing = timing;
        this.clock = clock;
        this.onStartedLeading = onStartedLeading;
        this.onStoppedLeading = onStoppedLeading;
        this.executor = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "leader-election-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    public String identity() {
        return identity;
    }

    public boolean isLeader() {
        synchronized (lock) {
            return leading;
        }
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::tick, 0, timing.retryPeriod().toMillis(), TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::watchdog, 100, 100, TimeUnit.MILLISECONDS);
    }

    /** One attempt to acquire (as a candidate) or renew (as the leader). */
    private void tick() {
        long attemptTerm;
        synchronized (lock) {
            if (closed) {
                return;
            }
            attemptTerm = term;
        }
        Instant started = clock.instant();
        boolean held;
        try {
            held = tryAcquireOrRenew(started);
        } catch (KubernetesClientException | IllegalStateException e) {
            LOG.atDebug().addKeyValue("lease", namespace + "/" + name).log("Lease attempt failed: {}", e.toString());
            held = false;
        }
        boolean startedNow = false;
        synchronized (lock) {
            if (closed || attemptTerm != term) {
                return; // the watchdog ended the term this attempt began in
            }
            if (held) {
                lastRenew = started;
                if (!leading) {
                    leading = true;
                    startedNow = true;
                }
            }
        }
        if (startedNow) {
            LOG.atInfo().addKeyValue("lease", namespace + "/" + name).addKeyValue("identity", identity).log("Started leading");
            onStartedLeading.run();
        }
    }

    /** Ends the term when the leader has not renewed within the renew deadline. */
    private void watchdog() {
        synchronized (lock) {
            if (!leading || Duration.between(lastRenew, clock.instant()).compareTo(timing.renewDeadline()) <= 0) {
                return;
            }
            leading = false;
            term++;
        }
        LOG.atWarn().addKeyValue("lease", namespace + "/" + name).addKeyValue("identity", identity)
                .log("Could not renew the lease within {}; stopped leading", timing.renewDeadline());
        onStoppedLeading.run();
    }

    private boolean tryAcquireOrRenew(Instant now) {
        var leases = client.leases().inNamespace(namespace);
        Lease current = leases.withName(name).get();
        ZonedDateTime stamp = ZonedDateTime.ofInstant(now, ZoneOffset.UTC);
        int seconds = (int) timing.leaseDuration().toSeconds();
        if (current == null) {
            leases.resource(new LeaseBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                    .withNewSpec().withHolderIdentity(identity).withLeaseDurationSeconds(seconds)
                    .withAcquireTime(stamp).withRenewTime(stamp).withLeaseTransitions(0).endSpec().build()).create();
            return true;
        }
        LeaseSpec spec = current.getSpec() == null ? new LeaseSpec() : current.getSpec();
        synchronized (lock) {
            if (!Objects.equals(spec, observed)) {
                observed = spec;
                observedAt = now;
            }
        }
        String holder = spec.getHolderIdentity();
        boolean mine = identity.equals(holder);
        int heldFor = spec.getLeaseDurationSeconds() == null ? seconds : spec.getLeaseDurationSeconds();
        boolean free = holder == null || holder.isEmpty();
        if (!mine && !free && observedAt.plusSeconds(heldFor).isAfter(now)) {
            return false;
        }
        LeaseSpec next = new LeaseSpec();
        next.setHolderIdentity(identity);
        next.setLeaseDurationSeconds(seconds);
        next.setRenewTime(stamp);
        next.setAcquireTime(mine && spec.getAcquireTime() != null ? spec.getAcquireTime() : stamp);
        int transitions = spec.getLeaseTransitions() == null ? 0 : spec.getLeaseTransitions();
        next.setLeaseTransitions(mine ? transitions : transitions + 1);
        current.setSpec(next);
        leases.resource(current).update();
        synchronized (lock) {
            observed = next;
            observedAt = now;
        }
        return true;
    }

    /** Stops standing; a leader releases the Lease so a standby can take it at once. */
    @Override
    public void close() {
        boolean wasLeading;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            wasLeading = leading;
            leading = false;
            term++;
        }
        executor.shutdownNow();
        if (wasLeading) {
            onStoppedLeading.run();
            release();
        }
    }

    private void release() {
        try {
            Lease current = client.leases().inNamespace(namespace).withName(name).get();
            if (current != null && current.getSpec() != null && identity.equals(current.getSpec().getHolderIdentity())) {
                current.getSpec().setHolderIdentity(null);
                current.getSpec().setLeaseDurationSeconds(1);
                client.leases().inNamespace(namespace).resource(current).update();
            }
        } catch (KubernetesClientException e) {
            LOG.atWarn().addKeyValue("lease", namespace + "/" + name).log("Could not release the lease: {}", e.toString());
        }
    }
}
