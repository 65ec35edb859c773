package io.kubelite.replication.daemonset;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.expectations.Expectations;
import io.kubelite.controller.reconcile.Reconciler;
import io.kubelite.controller.reconcile.Result;
import io.kubelite.replication.deployment.TemplateHash;
import io.kubelite.replication.history.ControllerHistory;
import io.kubelite.replication.history.RevisionControl;
import io.kubelite.replication.pods.Owners;
import io.kubelite.replication.pods.PodControl;
import io.kubelite.replication.pods.PodStates;

import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One pod per eligible node ({@link NodeEligibility}), bound to the node directly
 * ({@code spec.nodeName}), replaced node by node when the template changes ({@link DaemonPlan});
 * pods carry {@code controller-revision-hash} naming their template, and every template has a
 * ControllerRevision ({@link ControllerHistory}) that {@code kubectl rollout history/undo} read.
 */
public final class DaemonSetReconciler implements Reconciler {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DaemonSetReconciler.class);

    public static final String REVISION_LABEL = ControllerHistory.REVISION_LABEL;

    private final Function<ObjectKey, Optional<DaemonSet>> daemonSets;
    private final Supplier<List<Node>> nodes;
    private final Function<String, List<Pod>> podsByOwnerUid;
    private final Function<String, List<ControllerRevision>> revisionsByOwnerUid;
    private final PodControl podControl;
    private final RevisionControl revisionControl;
    private final Consumer<DaemonSet> statusWriter;
    private final Expectations expectations;
    private final Clock clock;

    public DaemonSetReconciler(Function<ObjectKey, Optional<DaemonSet>> daemonSets, Supplier<List<Node>> nodes,
            Function<String, List<Pod>> podsByOwnerUid, Function<String, List<ControllerRevision>> revisionsByOwnerUid,
            PodControl podControl, RevisionControl revisionControl, Consumer<DaemonSet> statusWriter,
            Expectations expectations, Clock clock) {
        this.daemonSets = daemonSets;
        this.nodes = nodes;
        this.podsByOwnerUid = podsByOwnerUid;
        this.revisionsByOwnerUid = revisionsByOwnerUid;
        this.podControl = podControl;
        this.revisionControl = revisionControl;
        this.statusWriter = statusWriter;
        this.expectations = expectations;
        this.clock = clock;
    }

    public Expectations expectations() {
        return expectations;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<DaemonSet> found = daemonSets.apply(key);
        if (found.isEmpty()) {
            expectations.delete(key);
            return Result.done();
        }
        DaemonSet ds = found.get();
        String uid = ds.getMetadata().getUid();
        String hash = TemplateHash.of(ds.getSpec().getTemplate(), null);
        Set<String> eligible = nodes.get().stream()
                .filter(n -> NodeEligibility.shouldRun(ds.getSpec().getTemplate().getSpec(), n))
                .map(n -> n.getMetadata().getName()).collect(Collectors.toSet());
        List<Pod> pods = podsByOwnerUid.apply(uid).stream().filter(p -> Owners.isControlledBy(p, uid))
                .filter(PodStates::isActive).filter(PodStates::isScheduled).toList();
        Map<String, List<DaemonPlan.DaemonPod>> byNode = new LinkedHashMap<>();
        for (Pod p : pods) {
            Map<String, String> labels = p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels();
            byNode.computeIfAbsent(p.getSpec().getNodeName(), n -> new java.util.ArrayList<>()).add(
                    new DaemonPlan.DaemonPod(p.getMetadata().getName(), p.getSpec().getNodeName(),
                            hash.equals(labels.get(REVISION_LABEL)), PodStates.isReady(p)));
        }
        if (ds.getMetadata().getDeletionTimestamp() == null) {
            record(ds, hash, pods);
        }
        if (expectations.satisfied(key) && ds.getMetadata().getDeletionTimestamp() == null) {
            DaemonPlan plan = DaemonPlan.decide(eligible, byNode, maxUnavailable(ds, eligible.size()));
            apply(ds, key, hash, plan);
        }
        DaemonSetStatus status = status(ds, eligible, byNode, pods, hash);
        if (!status.equals(ds.getStatus())) {
            statusWriter.accept(new io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder(ds).withStatus(status).build());
        }
        return Result.done();
    }

    /** Keeps the DaemonSet's ControllerRevisions ({@link ControllerHistory}) before its pods change. */
    private void record(DaemonSet ds, String hash, List<Pod> pods) {
        String uid = ds.getMetadata().getUid();
        List<ControllerRevision> owned = revisionsByOwnerUid.apply(uid).stream().filter(r -> Owners.isControlledBy(r, uid))
                .toList();
        ControllerHistory.Owner owner = owner(ds);
        Set<String> used = pods.stream().map(p -> p.getMetadata().getLabels() == null ? null
                : p.getMetadata().getLabels().get(REVISION_LABEL)).filter(java.util.Objects::nonNull)
                .map(owner::revisionName).collect(Collectors.toSet());
        ControllerHistory.Plan plan = ControllerHistory.decide(owner, hash, owned, used);
        plan.create().ifPresent(revisionControl::create);
        plan.renumber().ifPresent(r -> revisionControl.renumber(r.revision(), r.to()));
        plan.delete().forEach(revisionControl::delete);
    }

    static ControllerHistory.Owner owner(DaemonSet ds) {
        return new ControllerHistory.Owner("DaemonSet", ds.getMetadata(), ds.getSpec().getTemplate(),
                ds.getSpec().getRevisionHistoryLimit(), true);
    }

    private void apply(DaemonSet ds, ObjectKey key, String hash, DaemonPlan plan) {
        if (plan.createOn().isEmpty() && plan.deletePods().isEmpty()) {
            return;
        }
        Set<String> uids = new HashSet<>();
        expectations.expectCreations(key, plan.createOn().size());
        OwnerReference ref = Owners.controllerRef("apps/v1", "DaemonSet", key.name(), ds.getMetadata().getUid());
        PodTemplateSpec template = new PodTemplateSpecBuilder(ds.getSpec().getTemplate()).editOrNewMetadata()
                .addToLabels(REVISION_LABEL, hash).endMetadata().build();
        for (String node : plan.createOn()) {
            try {
                podControl.createOnNode(key.namespace(), template, ref, node);
            } catch (RuntimeException e) {
                expectations.creationObserved(key);
                throw e;
            }
        }
        for (String pod : plan.deletePods()) {
            podControl.delete(key.namespace(), pod, ref);
        }
        LOG.atInfo().addKeyValue("daemonSet", key).addKeyValue("createdOn", plan.createOn())
                .addKeyValue("deleted", plan.deletePods()).log("Synced daemon pods");
    }

    private static int maxUnavailable(DaemonSet ds, int desired) {
        var strategy = ds.getSpec().getUpdateStrategy();
        if (strategy != null && "OnDelete".equals(strategy.getType())) {
            return 0;
        }
        IntOrString value = strategy == null || strategy.getRollingUpdate() == null
                || strategy.getRollingUpdate().getMaxUnavailable() == null
                ? new IntOrString(1) : strategy.getRollingUpdate().getMaxUnavailable();
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        String s = value.getStrVal();
        int percent = Integer.parseInt(s.substring(0, s.length() - 1));
        return Math.max(1, (percent * desired + 99) / 100);
    }

    private DaemonSetStatus status(DaemonSet ds, Set<String> eligible, Map<String, List<DaemonPlan.DaemonPod>> byNode,
            List<Pod> pods, String hash) {
        int scheduled = (int) eligible.stream().filter(byNode::containsKey).count();
        int misscheduled = (int) byNode.keySet().stream().filter(n -> !eligible.contains(n)).count();
        List<Pod> onEligible = pods.stream().filter(p -> eligible.contains(p.getSpec().getNodeName())).toList();
        int ready = (int) onEligible.stream().filter(PodStates::isReady).count();
        int minReady = ds.getSpec().getMinReadySeconds() == null ? 0 : ds.getSpec().getMinReadySeconds();
        int available = (int) onEligible.stream().filter(p -> PodStates.isAvailable(p, minReady, clock.instant())).count();
        int updated = (int) onEligible.stream().filter(p -> p.getMetadata().getLabels() != null
                && hash.equals(p.getMetadata().getLabels().get(REVISION_LABEL))).count();
        return new DaemonSetStatusBuilder(ds.getStatus() == null ? new DaemonSetStatus() : ds.getStatus())
                .withDesiredNumberScheduled(eligible.size()).withCurrentNumberScheduled(scheduled)
                .withNumberMisscheduled(misscheduled).withNumberReady(ready).withNumberAvailable(available)
                .withNumberUnavailable(Math.max(0, eligible.size() - available)).withUpdatedNumberScheduled(updated)
                .withObservedGeneration(ds.getMetadata().getGeneration()).build();
    }
}
