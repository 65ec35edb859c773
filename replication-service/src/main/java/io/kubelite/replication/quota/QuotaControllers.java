package io.kubelite.replication.quota;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.reconcile.Controller;
import io.kubelite.controller.reconcile.ControllerBuilder;
import io.kubelite.controller.reconcile.Result;
import io.kubelite.machinery.quota.CountedResources;
import io.kubelite.replication.ControllerSet;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The resource quota controller of kube-controller-manager: keeps each ResourceQuota's status
 * ({@code hard} as its spec says, {@code used} as its namespace is, see {@link QuotaUsage}) so that
 * {@code kubectl describe quota} shows what is used and what is left. A quota is recomputed when
 * it changes; when a pod of its namespace is added, deleted or finishes; when a
 * ReplicationController, ReplicaSet, Deployment, DaemonSet or Job of its namespace is added or
 * deleted (the informers this service keeps anyway); on every informer resync; and, for a quota
 * limiting services, ConfigMaps, Secrets or PersistentVolumeClaims — counted through a LIST, as
 * this service does not cache those kinds — every {@code kubelite.replication.quota-recount} (10 s),
 * so their creates and deletes show within that time. Admission still refuses what would pass a
 * limit, whatever the status says.
 */
public final class QuotaControllers implements ControllerSet {

    private static final Logger LOG = LoggerFactory.getLogger(QuotaControllers.class);

    private final KubernetesClient client;
    private final Informer<ResourceQuota> quotas;
    private final Informer<Pod> pods;
    private final Map<String, Informer<? extends HasMetadata>> cached;
    private final Duration recount;
    private final Clock clock;
    private final MeterRegistry meters;

    public QuotaControllers(KubernetesClient client, Informer<ResourceQuota> quotas, Informer<Pod> pods,
            Informer<ReplicationController> rcs, Informer<ReplicaSet> replicaSets, Informer<Deployment> deployments,
            Informer<DaemonSet> daemonSets, Informer<Job> jobs, Duration recount, Clock clock, MeterRegistry meters) {
        this.client = client;
        this.quotas = quotas;
        this.pods = pods;
        this.cached = Map.of("replicationcontrollers", rcs, "replicasets.apps", replicaSets,
                "deployments.apps", deployments, "daemonsets.apps", daemonSets, "jobs.batch", jobs);
        this.recount = recount;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public List<Controller> build() {
        ControllerBuilder builder = ControllerBuilder.named("resourcequota").forKind(quotas)
                .watches(pods, this::quotasOfNamespace, (before, after) -> QuotaUsage.counts(before) != QuotaUsage.counts(after));
        cached.values().forEach(informer -> builder.watches(informer, this::quotasOfNamespace, (before, after) -> false));
        return List.of(builder.reconciler(this::reconcile).workers(1).clock(clock).meterRegistry(meters).build());
    }

    private List<ObjectKey> quotasOfNamespace(HasMetadata object) {
        return quotas.lister().list(object.getMetadata().getNamespace()).stream()
                .map(q -> ObjectKey.of(q.getMetadata().getNamespace(), q.getMetadata().getName()))
                .toList();
    }

    Result reconcile(ObjectKey key) {
        ResourceQuota quota = quotas.lister().get(key).orElse(null);
        if (quota == null) {
            return Result.done();
        }
        Map<String, Quantity> hard = quota.getSpec() == null || quota.getSpec().getHard() == null
                ? Map.of() : quota.getSpec().getHard();
        Map<String, Quantity> used = QuotaUsage.used(hard, pods.lister().list(key.namespace()),
                resource -> count(key.namespace(), resource));
        ResourceQuotaStatus status = new ResourceQuotaStatus(new TreeMap<>(hard), new TreeMap<>(used));
        Result next = countsUncached(hard) ? Result.requeueAfter(recount) : Result.done();
        if (same(quota.getStatus(), status)) {
            return next;
        }
        ResourceQuota updated = new ResourceQuota(quota.getApiVersion(), quota.getKind(), quota.getMetadata(),
                quota.getSpec(), status);
        try {
            // replaces the whole status (so a limit dropped from the spec leaves it too), at the
            // cached resourceVersion
            client.resource(updated).updateStatus();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            // Changed since the cache saw it (often by this controller's previous write): the
            // informer brings the newer quota, which enqueues it again.
            LOG.atDebug().addKeyValue("quota", key).log("Quota changed meanwhile; computed again when the cache has it");
        }
        return next;
    }

    /** Whether a limit counts a kind this service has no informer for. */
    private boolean countsUncached(Map<String, Quantity> hard) {
        return hard.keySet().stream().map(CountedResources.BY_LIMIT::get)
                .anyMatch(resource -> resource != null && !resource.equals("pods") && !cached.containsKey(resource));
    }

    private long count(String namespace, String resource) {
        Informer<? extends HasMetadata> informer = cached.get(resource);
        if (informer != null) {
            return informer.lister().list(namespace).size();
        }
        return switch (resource) {
            case "services" -> client.services().inNamespace(namespace).list().getItems().size();
            case "configmaps" -> client.configMaps().inNamespace(namespace).list().getItems().size();
            case "secrets" -> client.secrets().inNamespace(namespace).list().getItems().size();
            case "persistentvolumeclaims" -> client.persistentVolumeClaims().inNamespace(namespace).list().getItems().size();
            default -> throw new IllegalArgumentException("no count for " + resource);
        };
    }

    /** Equal limits and uses, compared as printed (a Quantity's own equality ignores its format). */
    private static boolean same(ResourceQuotaStatus current, ResourceQuotaStatus wanted) {
        return current != null && printed(current.getHard()).equals(printed(wanted.getHard()))
                && printed(current.getUsed()).equals(printed(wanted.getUsed()));
    }

    private static Map<String, String> printed(Map<String, Quantity> quantities) {
        Map<String, String> printed = new TreeMap<>();
        if (quantities != null) {
            quantities.forEach((name, q) -> printed.put(name, Objects.toString(q)));
        }
        return printed;
    }
}
