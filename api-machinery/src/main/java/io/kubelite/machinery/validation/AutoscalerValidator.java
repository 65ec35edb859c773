package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HorizontalPodAutoscaler specs of autoscaling/v1 and autoscaling/v2. A v1 autoscaler's
 * {@code targetCPUUtilizationPercentage} is checked as the CPU metric it converts to, so its errors
 * carry the v2 path {@code spec.metrics[0].resource.target.averageUtilization} as in Kubernetes.
 */
final class AutoscalerValidator {

    private static final FieldPath SPEC = FieldPath.of("spec");
    private static final List<String> METRIC_TYPES = List.of("ContainerResource", "External", "Object", "Pods", "Resource");

    private AutoscalerValidator() {
    }

    static List<FieldError> v1(io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler hpa) {
        var spec = hpa.getSpec() == null ? new io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscalerSpec() : hpa.getSpec();
        var ref = spec.getScaleTargetRef();
        List<FieldError> errs = new ArrayList<>(replicas(spec.getMinReplicas(), spec.getMaxReplicas()));
        List<FieldError> refErrs = targetRef(ref == null ? null : ref.getKind(), ref == null ? null : ref.getName());
        errs.addAll(refErrs);
        Integer target = spec.getTargetCPUUtilizationPercentage();
        if (refErrs.isEmpty() && target != null && target < 1) {
            errs.add(FieldError.invalid(SPEC.child("metrics").index(0).child("resource", "target", "averageUtilization"),
                    target, "must be greater than 0"));
        }
        return errs;
    }

    static List<FieldError> v2(io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler hpa) {
        var spec = hpa.getSpec() == null ? new io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec() : hpa.getSpec();
        var ref = spec.getScaleTargetRef();
        List<FieldError> errs = new ArrayList<>(replicas(spec.getMinReplicas(), spec.getMaxReplicas()));
        List<FieldError> refErrs = targetRef(ref == null ? null : ref.getKind(), ref == null ? null : ref.getName());
        errs.addAll(refErrs);
        if (refErrs.isEmpty()) {
            List<MetricSpec> metrics = Checks.orEmpty(spec.getMetrics());
            for (int i = 0; i < metrics.size(); i++) {
                errs.addAll(metric(metrics.get(i), SPEC.child("metrics").index(i)));
            }
        }
        return errs;
    }

    private static List<FieldError> replicas(Integer min, Integer max) {
        List<FieldError> errs = new ArrayList<>();
        int maxReplicas = max == null ? 0 : max;
        if (min != null && min < 1) {
            errs.add(FieldError.invalid(SPEC.child("minReplicas"), min, "must be greater than or equal to 1"));
        }
        if (maxReplicas < 1) {
            errs.add(FieldError.invalid(SPEC.child("maxReplicas"), maxReplicas, "must be greater than 0"));
        }
        if (min != null && maxReplicas < min) {
            errs.add(FieldError.invalid(SPEC.child("maxReplicas"), maxReplicas, "must be greater than or equal to `minReplicas`"));
        }
        return errs;
    }

    private static List<FieldError> targetRef(String kind, String name) {
        List<FieldError> errs = new ArrayList<>();
        FieldPath path = SPEC.child("scaleTargetRef");
        pathSegment(errs, kind, path.child("kind"));
        pathSegment(errs, name, path.child("name"));
        return errs;
    }

    private static void pathSegment(List<FieldError> errs, String value, FieldPath path) {
        if (Checks.isEmpty(value)) {
            errs.add(FieldError.required(path, ""));
        } else if (value.equals(".") || value.equals("..")) {
            errs.add(FieldError.invalid(path, value, "may not be '" + value + "'"));
        } else {
            for (String illegal : List.of("/", "%")) {
                if (value.contains(illegal)) {
                    errs.add(FieldError.invalid(path, value, "may not contain '" + illegal + "'"));
                }
            }
        }
    }

    private static List<FieldError> metric(MetricSpec metric, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String type = MetaValidator.nullToEmpty(metric.getType());
        if (type.isEmpty()) {
            errs.add(FieldError.required(path.child("type"), "must specify a metric source type"));
        }
        if (!METRIC_TYPES.contains(type)) {
            errs.add(FieldError.notSupported(path.child("type"), type, METRIC_TYPES));
        }
        Map<String, Object> sources = new LinkedHashMap<>();
        sources.put("containerResource", metric.getContainerResource());
        sources.put("external", metric.getExternal());
        sources.put("object", metric.getObject());
        sources.put("pods", metric.getPods());
        sources.put("resource", metric.getResource());
        String expected = type.isEmpty() ? "" : Character.toLowerCase(type.charAt(0)) + type.substring(1);
        if (sources.containsKey(expected) && sources.get(expected) == null) {
            errs.add(FieldError.required(path.child(expected), "must populate information for the given metric source"));
        }
        for (Map.Entry<String, Object> e : sources.entrySet()) {
            if (e.getValue() != null && !e.getKey().equals(expected)) {
                errs.add(FieldError.forbidden(path.child(e.getKey()), "must populate the given metric source only"));
            }
        }
        if (metric.getResource() != null) {
            FieldPath resPath = path.child("resource");
            if (Checks.isEmpty(metric.getResource().getName())) {
                errs.add(FieldError.required(resPath.child("name"), "must specify a resource name"));
            }
            errs.addAll(target(metric.getResource().getTarget(), resPath.child("target")));
        }
        return errs;
    }

    private static List<FieldError> target(MetricTarget target, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        MetricTarget t = target == null ? new MetricTarget() : target;
        String type = MetaValidator.nullToEmpty(t.getType());
        if (type.isEmpty()) {
            errs.add(FieldError.required(path.child("type"), "must specify a metric target type"));
        }
        if (!List.of("Utilization", "Value", "AverageValue").contains(type)) {
            errs.add(FieldError.invalid(path.child("type"), type, "must be either Utilization, Value, or AverageValue"));
        }
        if (t.getAverageUtilization() != null && t.getAverageUtilization() < 1) {
            errs.add(FieldError.invalid(path.child("averageUtilization"), t.getAverageUtilization(), "must be greater than 0"));
        }
        if (t.getAverageUtilization() == null && t.getAverageValue() == null) {
            errs.add(FieldError.required(path.child("averageUtilization"), "must set either a target raw value or a target utilization"));
        }
        if (t.getAverageUtilization() != null && t.getAverageValue() != null) {
            errs.add(FieldError.forbidden(path.child("averageValue"), "may not set both a target raw value and a target utilization"));
        }
        return errs;
    }
}
