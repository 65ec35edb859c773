package io.kubelite.nodeagent.node;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the Node and keeps it alive: creates it (or takes over an existing one), writes its
 * status through the status subresource, renews Lease kube-node-lease/&lt;node&gt; every renew
 * interval (10 s; leaseDurationSeconds 40), and reports status again when it changes or every
 * report interval (1 min), as the kubelet does since node leases exist.
 */
public final class NodeHeartbeat {

    private static final Logger LOG = LoggerFactory.getLogger(NodeHeartbeat.class);
    static final String LEASE_NAMESPACE = "kube-node-lease";

    private final KubernetesClient client;
    private final Supplier<NodeDescription.Facts> facts;
    private final Duration leaseDuration;
    private final Duration reportInterval;
    private final Clock clock;
    private NodeStatus reported;
    private Instant reportedAt = Instant.EPOCH;

    private static final int STATUS_UPDATE_ATTEMPTS = 5;

    public NodeHeartbeat(KubernetesClient client, Supplier<NodeDescription.Facts> facts, Duration leaseDuration,
            Duration reportInterval, Clock clock) {
        this.client = client;
        this.facts = facts;
        this.leaseDuration = leaseDuration;
        this.reportInterval = reportInterval;
        this.clock = clock;
    }

    public synchronized void register() {
        NodeDescription.Facts f = facts.get();
        Node node = NodeDescription.node(f, clock.instant());
        Node existing = client.nodes().withName(f.name()).get();
        if (existing == null) {
            try {
                client.nodes().resource(node).create();
                LOG.atInfo().addKeyValue("node", f.name()).log("Registered the node");
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        } else {
            client.nodes().withName(f.name()).edit(n -> {
                n.getMetadata().getLabels().putAll(node.getMetadata().getLabels());
                return n;
            });
        }
        reported = null;
        reportStatus();
    }

    /**
     * Writes the status when it differs from the API's (also when the node lifecycle controller
     * marked it Unknown meanwhile) or the report interval passed. A write that meets a newer
     * Node (the lifecycle controller tainted it or marked it Unknown between the read and the
     * write: 409) is read and computed again, up to {@value #STATUS_UPDATE_ATTEMPTS} times, as
     * the kubelet's nodeStatusUpdateRetry does — an agent restarting beside that controller
     * failed to start on the first such conflict.
     */
    public synchronized void reportStatus() {
        for (int attempt = 1; ; attempt++) {
            try {
                tryReportStatus();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == STATUS_UPDATE_ATTEMPTS) {
                    throw e;
                }
                LOG.atDebug().addKeyValue("attempt", attempt).log("Node status changed meanwhile; reading it again");
            }
        }
    }

    private void tryReportStatus() {
        NodeDescription.Facts f = facts.get();
        Instant now = clock.instant();
        Node node = client.nodes().withName(f.name()).get();
        if (node == null) {
            register();
            return;
        }
        NodeStatus status = NodeDescription.status(f, true, now, node.getStatus());
        if (reported != null && !NodeDescription.changed(status, node.getStatus()) && now.isBefore(reportedAt.plus(reportInterval))) {
            return;
        }
        node.setStatus(status);
        client.nodes().resource(node).updateStatus();
        reported = status;
        reportedAt = now;
    }

    public void renewLease() {
        NodeDescription.Facts f = facts.get();
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        var leases = client.leases().inNamespace(LEASE_NAMESPACE);
        Lease lease = leases.withName(f.name()).get();
        if (lease == null) {
            ensureNamespace();
            Node node = client.nodes().withName(f.name()).get();
            LeaseBuilder builder = new LeaseBuilder().withNewMetadata().withName(f.name()).withNamespace(LEASE_NAMESPACE)
                    .endMetadata().withNewSpec().withHolderIdentity(f.name())
                    .withLeaseDurationSeconds((int) leaseDuration.toSeconds()).withRenewTime(now).endSpec();
            if (node != null) {
                builder.editMetadata().addNewOwnerReference().withApiVersion("v1").withKind("Node")
                        .withName(f.name()).withUid(node.getMetadata().getUid()).endOwnerReference().endMetadata();
            }
            leases.resource(builder.build()).create();
            return;
        }
        lease.getSpec().setHolderIdentity(f.name());
        lease.getSpec().setLeaseDurationSeconds((int) leaseDuration.toSeconds());
        lease.getSpec().setRenewTime(now);
        leases.resource(lease).update();
    }

    private void ensureNamespace() {
        if (client.namespaces().withName(LEASE_NAMESPACE).get() == null) {
            try {
                Namespace ns = new NamespaceBuilder().withNewMetadata().withName(LEASE_NAMESPACE).endMetadata().build();
                client.namespaces().resource(ns).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
    }
}
