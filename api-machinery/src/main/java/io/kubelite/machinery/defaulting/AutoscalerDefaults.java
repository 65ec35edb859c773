package io.kubelite.machinery.defaulting;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ResourceMetricSource;
import java.util.ArrayList;
import java.util.List;

/**
 * HorizontalPodAutoscaler defaults. Without metrics a v2 autoscaler targets 80% average CPU
 * utilization. A given behavior is completed with Kubernetes' rules: scale up by at most
 * max(4 pods, 100%) per 15 s with no stabilization, scale down by at most 100% per 15 s after a
 * 300 s stabilization window.
 */
final class AutoscalerDefaults {

    static final int DEFAULT_CPU_UTILIZATION = 80;

    private AutoscalerDefaults() {
    }

    static void v1(io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler hpa) {
        if (hpa.getSpec() != null && hpa.getSpec().getMinReplicas() == null) {
            hpa.getSpec().setMinReplicas(1);
        }
    }

    static void v2(io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler hpa) {
        HorizontalPodAutoscalerSpec spec = hpa.getSpec();
        if (spec == null) {
            return;
        }
        if (spec.getMinReplicas() == null) {
            spec.setMinReplicas(1);
        }
        if (spec.getMetrics() == null || spec.getMetrics().isEmpty()) {
            MetricTarget target = new MetricTarget();
            target.setType("Utilization");
            target.setAverageUtilization(DEFAULT_CPU_UTILIZATION);
            ResourceMetricSource cpu = new ResourceMetricSource();
            cpu.setName("cpu");
            cpu.setTarget(target);
            MetricSpec metric = new MetricSpec();
            metric.setType("Resource");
            metric.setResource(cpu);
            spec.setMetrics(new ArrayList<>(List.of(metric)));
        }
        if (spec.getBehavior() != null) {
            spec.getBehavior().setScaleUp(rules(spec.getBehavior().getScaleUp(), 0,
                    List.of(policy("Pods", 4), policy("Percent", 100))));
            spec.getBehavior().setScaleDown(rules(spec.getBehavior().getScaleDown(), 300,
                    List.of(policy("Percent", 100))));
        }
    }

    private static HPAScalingRules rules(HPAScalingRules given, int window, List<HPAScalingPolicy> policies) {
        HPAScalingRules rules = given == null ? new HPAScalingRules() : given;
        if (rules.getStabilizationWindowSeconds() == null) {
            rules.setStabilizationWindowSeconds(window);
        }
        if (ContainerDefaults.isEmpty(rules.getSelectPolicy())) {
            rules.setSelectPolicy("Max");
        }
        if (rules.getPolicies() == null || rules.getPolicies().isEmpty()) {
            rules.setPolicies(new ArrayList<>(policies));
        }
        return rules;
    }

    private static HPAScalingPolicy policy(String type, int value) {
        HPAScalingPolicy policy = new HPAScalingPolicy();
        policy.setType(type);
        policy.setValue(value);
        policy.setPeriodSeconds(15);
        return policy;
    }
}
