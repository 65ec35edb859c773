package io.kubelite.autoscaler.hpa;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubelite.autoscaler.metrics.PodMetricsStore;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.EventRecorder;
import io.kubelite.controller.informer.Lister;
import io.kubelite.controller.reconcile.Reconciler;
import io.kubelite.controller.reconcile.Result;
import io.kubelite.machinery.selector.LabelSelector;
import io.kubelite.machinery.validation.Quantities;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One HorizontalPodAutoscaler: reads its target's scale, its pods' usage (from the metrics the
 * node agents publish), asks {@link ReplicaCalculator} and {@link ReplicaBounds} for a count, sets
 * it through the scale subresource and writes the HPA's status — then comes back after the sync
 * period. Resource metrics (cpu, memory) with a Utilization or AverageValue target; an HPA without
 * metrics targets 80 % CPU, as Kubernetes defaults it.
 */
public final class HpaReconciler implements Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(HpaReconciler.class);
    static final int DEFAULT_CPU_UTILIZATION = 80;

    /** Where the reconciler writes an HPA's status. */
    public interface StatusWriter {
        void write(HorizontalPodAutoscaler hpa, HorizontalPodAutoscalerStatus status);
    }

    private final Lister<HorizontalPodAutoscaler> hpas;
    private final Lister<Pod> pods;
    private final PodMetricsStore metrics;
    private final ScaleTargets targets;
    private final StatusWriter statuses;
    private final EventRecorder events;
    private final Duration syncPeriod;
    private final double tolerance;
    private final Duration downscaleStabilization;
    private final Clock clock;
    private final Map<ObjectKey, ReplicaBounds> bounds = new ConcurrentHashMap<>();

    public HpaReconciler(Lister<HorizontalPodAutoscaler> hpas, Lister<Pod> pods, PodMetricsStore metrics, ScaleTargets targets,
            StatusWriter statuses, EventRecorder events, Duration syncPeriod, double tolerance, Duration downscaleStabilization,
            Clock clock) {
        this.hpas = hpas;
        this.pods = pods;
        this.metrics = metrics;
        this.targets = targets;
        this.statuses = statuses;
        this.events = events;
        this.syncPeriod = syncPeriod;
        this.tolerance = tolerance;
        this.downscaleStabilization = downscaleStabilization;
        this.clock = clock;
    }

    /** What one resource metric asks for. */
    private record Measured(String resource, int replicas, Integer utilization, long averageUsage) {
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<HorizontalPodAutoscaler> found = hpas.get(key);
        if (found.isEmpty()) {
            bounds.remove(key);
            return Result.done();
        }
        HorizontalPodAutoscaler hpa = found.get();
        String namespace = key.namespace();
        var ref = hpa.getSpec().getScaleTargetRef();
        Scale scale;
        try {
            scale = targets.get(namespace, ref);
        } catch (RuntimeException e) {
            return failed(hpa, "AbleToScale", "FailedGetScale", "the HPA controller was unable to get the target's current scale: "
                    + message(e), null);
        }
        if (scale == null) {
            return failed(hpa, "AbleToScale", "FailedGetScale", "the HPA controller was unable to get the target's current scale: "
                    + ref.getKind().toLowerCase() + " \"" + ref.getName() + "\" not found", null);
        }
        int current = scale.getSpec().getReplicas() == null ? 0 : scale.getSpec().getReplicas();
        int min = hpa.getSpec().getMinReplicas() == null ? 1 : hpa.getSpec().getMinReplicas();
        int max = hpa.getSpec().getMaxReplicas();
        if (current == 0 && min != 0) {
            return write(hpa, current, current, List.of(), conditions(hpa, "ScalingActive", "False", "ScalingDisabled",
                    "scaling is disabled since the replica count of the target is zero"), false);
        }
        LabelSelector selector = LabelSelector.parse(scale.getStatus() == null || scale.getStatus().getSelector() == null
                ? "" : scale.getStatus().getSelector());
        List<Pod> targetPods = pods.list(namespace).stream()
                .filter(p -> selector.matches(p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels()))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null && !"Failed".equals(phase(p)) && !"Succeeded".equals(phase(p)))
                .toList();
        List<Measured> measured = new ArrayList<>();
        for (MetricSpec spec : metricSpecs(hpa)) {
            if (!"Resource".equals(spec.getType()) || spec.getResource() == null) {
                continue;
            }
            try {
                measured.add(measure(spec, current, targetPods));
            } catch (RuntimeException e) {
                return failed(hpa, "ScalingActive", "FailedGetResourceMetric", "the HPA was unable to compute the replica count: "
                        + message(e), current);
            }
        }
        if (measured.isEmpty()) {
            return failed(hpa, "ScalingActive", "InvalidMetricSourceType", "the HPA has no resource metric it can compute", current);
        }
        Measured highest = measured.stream().max(Comparator.comparingInt(Measured::replicas)).orElseThrow();
        Duration window = hpa.getSpec().getBehavior() != null && hpa.getSpec().getBehavior().getScaleDown() != null
                && hpa.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds() != null
                ? Duration.ofSeconds(hpa.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds())
                : downscaleStabilization;
        ReplicaBounds.Decision decision = bounds.computeIfAbsent(key, k -> new ReplicaBounds())
                .decide(current, highest.replicas(), min, max, window, clock.instant());
        boolean rescaled = false;
        if (decision.replicas() != current) {
            try {
                targets.scale(namespace, ref, decision.replicas());
                rescaled = true;
                String direction = decision.replicas() > current ? "above" : "below";
                events.event(hpa, "Normal", "SuccessfulRescale", "New size: " + decision.replicas() + "; reason: "
                        + highest.resource() + " resource utilization (percentage of request) " + direction + " target");
                LOG.atInfo().addKeyValue("hpa", key).addKeyValue("from", current).addKeyValue("to", decision.replicas())
                        .addKeyValue("utilization", highest.utilization()).log("Rescaled");
            } catch (RuntimeException e) {
                events.event(hpa, "Warning", "FailedRescale", "New size: " + decision.replicas() + "; error: " + message(e));
                return failed(hpa, "AbleToScale", "FailedUpdateScale", "the HPA controller was unable to update the target scale: "
                        + message(e), current);
            }
        }
        List<HorizontalPodAutoscalerCondition> conditions = conditions(hpa, "AbleToScale", "True", "SucceededRescale",
                "the HPA controller was able to update the target scale to " + decision.replicas());
        conditions = merge(conditions, condition(hpa, "ScalingActive", "True", "ValidMetricFound",
                "the HPA was able to successfully calculate a replica count from " + highest.resource() + " resource utilization (percentage of request)"));
        conditions = merge(conditions, switch (decision.limit()) {
            case TOO_MANY -> condition(hpa, "ScalingLimited", "True", "TooManyReplicas", "the desired replica count is more than the maximum replica count");
            case TOO_FEW -> condition(hpa, "ScalingLimited", "True", "TooFewReplicas", "the desired replica count is less than the minimum replica count");
            case SCALE_UP_LIMIT -> condition(hpa, "ScalingLimited", "True", "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate");
            case NONE -> condition(hpa, "ScalingLimited", "False", "DesiredWithinRange", "the desired count is within the acceptable range");
        });
        return write(hpa, current, decision.replicas(), measured, conditions, rescaled);
    }

    private Measured measure(MetricSpec spec, int current, List<Pod> targetPods) {
        String resource = spec.getResource().getName();
        var target = spec.getResource().getTarget();
        List<ReplicaCalculator.PodSample> samples = new ArrayList<>();
        for (Pod pod : targetPods) {
            samples.add(new ReplicaCalculator.PodSample(pod.getMetadata().getName(), ready(pod), request(pod, resource),
                    usage(pod, resource)));
        }
        if ("AverageValue".equals(target.getType()) && target.getAverageValue() != null) {
            long wanted = amount(resource, target.getAverageValue().toString());
            long total = 0;
            int withMetrics = 0;
            for (ReplicaCalculator.PodSample s : samples) {
                if (s.usage() != null && s.ready()) {
                    total += s.usage();
                    withMetrics++;
                }
            }
            if (withMetrics == 0) {
                throw new IllegalStateException("did not receive metrics for targeted pods (pods might be unready)");
            }
            double ratio = (double) total / withMetrics / wanted;
            int replicas = Math.abs(1.0 - ratio) <= tolerance ? current : (int) Math.ceil((double) total / wanted);
            return new Measured(resource, replicas, null, total / withMetrics);
        }
        int wanted = target.getAverageUtilization() == null ? DEFAULT_CPU_UTILIZATION : target.getAverageUtilization();
        for (ReplicaCalculator.PodSample s : samples) {
            if (s.request() <= 0) {
                throw new IllegalStateException("missing request for " + resource + " in pod " + s.name());
            }
        }
        ReplicaCalculator.Recommendation r = ReplicaCalculator.utilization(current, samples, wanted, tolerance);
        return new Measured(resource, r.replicas(), r.utilization(), r.averageUsage());
    }

    private static List<MetricSpec> metricSpecs(HorizontalPodAutoscaler hpa) {
        if (hpa.getSpec().getMetrics() != null && !hpa.getSpec().getMetrics().isEmpty()) {
            return hpa.getSpec().getMetrics();
        }
        return List.of(new MetricSpecBuilder().withType("Resource")
                .withNewResource().withName("cpu").withNewTarget().withType("Utilization")
                .withAverageUtilization(DEFAULT_CPU_UTILIZATION).endTarget().endResource().build());
    }

    /** The pod's usage of {@code resource} (millicores or bytes), summed over its containers; null without fresh metrics. */
    private Long usage(Pod pod, String resource) {
        Optional<ObjectNode> m = metrics.get(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        if (m.isEmpty()) {
            return null;
        }
        long sum = 0;
        for (JsonNode c : m.get().path("containers")) {
            sum += amount(resource, c.path("usage").path(resource).asString("0"));
        }
        return sum;
    }

    /** The pod's request of {@code resource}, summed over its containers; 0 when any container requests none. */
    private static long request(Pod pod, String resource) {
        long sum = 0;
        for (Container c : pod.getSpec().getContainers()) {
            Quantity q = c.getResources() == null || c.getResources().getRequests() == null ? null
                    : c.getResources().getRequests().get(resource);
            if (q == null) {
                return 0;
            }
            sum += amount(resource, q.toString());
        }
        return sum;
    }

    /** CPU in millicores, anything else in whole units (memory in bytes). */
    private static long amount(String resource, String quantity) {
        return "cpu".equals(resource) ? Quantities.milliValue(quantity) : Quantities.value(quantity).longValue();
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    private Result failed(HorizontalPodAutoscaler hpa, String type, String reason, String message, Integer current) {
        events.event(hpa, "Warning", reason, message);
        int replicas = current != null ? current
                : hpa.getStatus() != null && hpa.getStatus().getCurrentReplicas() != null ? hpa.getStatus().getCurrentReplicas() : 0;
        List<HorizontalPodAutoscalerCondition> conditions = conditions(hpa, type, "False", reason, message);
        return write(hpa, replicas, replicas, List.of(), conditions, false);
    }

    private Result write(HorizontalPodAutoscaler hpa, int current, int desired, List<Measured> measured,
            List<HorizontalPodAutoscalerCondition> conditions, boolean rescaled) {
        HorizontalPodAutoscalerStatus status = new HorizontalPodAutoscalerStatus();
        status.setCurrentReplicas(current);
        status.setDesiredReplicas(desired);
        status.setObservedGeneration(hpa.getMetadata().getGeneration());
        status.setConditions(conditions);
        status.setLastScaleTime(rescaled ? clock.instant().truncatedTo(ChronoUnit.SECONDS).toString()
                : hpa.getStatus() == null ? null : hpa.getStatus().getLastScaleTime());
        List<MetricStatus> current2 = new ArrayList<>();
        for (Measured m : measured) {
            current2.add(new MetricStatusBuilder().withType("Resource").withNewResource().withName(m.resource())
                    .withNewCurrent().withAverageUtilization(m.utilization())
                    .withAverageValue(new Quantity("cpu".equals(m.resource()) ? m.averageUsage() + "m" : Long.toString(m.averageUsage())))
                    .endCurrent().endResource().build());
        }
        status.setCurrentMetrics(current2);
        if (status.equals(hpa.getStatus())) {
            // Nothing new: writing it would only wake this HPA again at once.
            return Result.requeueAfter(syncPeriod);
        }
        try {
            statuses.write(hpa, status);
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("hpa", hpa.getMetadata().getNamespace() + "/" + hpa.getMetadata().getName())
                    .log("Could not write the HPA's status: " + message(e));
        }
        return Result.requeueAfter(syncPeriod);
    }

    /** The HPA's conditions with one set (its lastTransitionTime kept when the status did not change). */
    private List<HorizontalPodAutoscalerCondition> conditions(HorizontalPodAutoscaler hpa, String type, String status, String reason,
            String message) {
        List<HorizontalPodAutoscalerCondition> existing = hpa.getStatus() == null || hpa.getStatus().getConditions() == null
                ? List.of() : hpa.getStatus().getConditions();
        return merge(existing, condition(hpa, type, status, reason, message));
    }

    private HorizontalPodAutoscalerCondition condition(HorizontalPodAutoscaler hpa, String type, String status, String reason,
            String message) {
        String since = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        if (hpa.getStatus() != null && hpa.getStatus().getConditions() != null) {
            for (HorizontalPodAutoscalerCondition c : hpa.getStatus().getConditions()) {
                if (type.equals(c.getType()) && status.equals(c.getStatus()) && c.getLastTransitionTime() != null) {
                    since = c.getLastTransitionTime();
                }
            }
        }
        HorizontalPodAutoscalerCondition c = new HorizontalPodAutoscalerCondition();
        c.setType(type);
        c.setStatus(status);
        c.setReason(reason);
        c.setMessage(message);
        c.setLastTransitionTime(since);
        return c;
    }

    private static List<HorizontalPodAutoscalerCondition> merge(List<HorizontalPodAutoscalerCondition> conditions,
            HorizontalPodAutoscalerCondition c) {
        List<HorizontalPodAutoscalerCondition> out = new ArrayList<>();
        boolean replaced = false;
        for (HorizontalPodAutoscalerCondition existing : conditions) {
            if (existing.getType().equals(c.getType())) {
                out.add(c);
                replaced = true;
            } else {
                out.add(existing);
            }
        }
        if (!replaced) {
            out.add(c);
        }
        return out;
    }

    /** The API's own message for a failed request (its Status), else the exception's. */
    private static String message(RuntimeException e) {
        if (e instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
            return k.getStatus().getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

}
