package io.kubelite.machinery.podsecurity;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pod Security Standards evaluation as Kubernetes 1.32's PodSecurity admission performs it, with
 * its exact wording.
 *
 * <p>How admission uses it: a pod is checked against its namespace's enforce, audit and warn
 * {@link NamespacePolicy policies}. An enforce violation rejects the pod with 403 and
 * {@link #forbidden}; otherwise a warn violation adds one {@link #warning} to the response, and an
 * audit violation the same text as the {@code pod-security.kubernetes.io/audit-violations} audit
 * annotation. Pod controllers ({@link #templateOf}) are only warned and audited, never rejected.
 */
public final class PodSecurity {

    private PodSecurity() {
    }

    /**
     * The violations of a pod (or pod template) at a level and version, in kube's evaluation order
     * (see {@link CheckRegistry}); empty when the pod is allowed, and always for {@code privileged}.
     */
    public static List<Violation> check(LevelVersion lv, ObjectMeta podMetadata, PodSpec spec) {
        CheckedPod pod = new CheckedPod(podMetadata, spec, lv.effectiveMinor());
        List<Violation> violations = new ArrayList<>();
        for (Check check : CheckRegistry.applicable(lv.level(), pod.minor())) {
            check.rule().evaluate(pod).ifPresent(violations::add);
        }
        return violations;
    }

    /**
     * {@code violates PodSecurity "restricted:latest": host namespaces (hostNetwork=true), privileged (…)}:
     * each violation as {@code reason (detail)}, joined with {@code ", "}.
     */
    public static String message(LevelVersion lv, List<Violation> violations) {
        return "violates PodSecurity \"" + lv + "\": " + details(violations);
    }

    /**
     * The enforce rejection, as the 403 Status message: {@code pods "web" is forbidden: violates PodSecurity
     * "baseline:latest": privileged (container "app" must not set securityContext.privileged=true)}.
     * An empty name gives {@code pods is forbidden: …}, as kube words it for an unnamed object.
     */
    public static String forbidden(String podName, LevelVersion lv, List<Violation> violations) {
        String subject = podName == null || podName.isEmpty() ? "pods" : "pods \"" + podName + "\"";
        return subject + " is forbidden: " + message(lv, violations);
    }

    /**
     * The warn-mode warning (and audit annotation value): {@code would violate PodSecurity
     * "restricted:latest": allowPrivilegeEscalation != false (…), runAsNonRoot != true (…)}. All
     * violations go into this one warning, joined with {@code ", "}.
     */
    public static String warning(LevelVersion lv, List<Violation> violations) {
        return "would violate PodSecurity \"" + lv + "\": " + details(violations);
    }

    /**
     * The reasons alone, joined with {@code ", "}: {@code privileged, hostPath volumes}. kube uses this
     * shorter form to warn about existing pods when a namespace's enforce level is raised.
     */
    public static String reasons(List<Violation> violations) {
        return String.join(", ", violations.stream().map(Violation::reason).toList());
    }

    /**
     * The pod template of a Deployment, ReplicaSet, ReplicationController, StatefulSet, DaemonSet,
     * Job, CronJob or PodTemplate; empty for any other object, or one without a template.
     */
    public static Optional<PodTemplateSpec> templateOf(HasMetadata workload) {
        return PodTemplates.of(workload);
    }

    private static String details(List<Violation> violations) {
        return String.join(", ", violations.stream().map(Violation::toString).toList());
    }
}
