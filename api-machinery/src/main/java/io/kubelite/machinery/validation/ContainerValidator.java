package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.kubelite.machinery.pod.EphemeralContainers;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The containers and init containers of a pod spec. Fields that defaulting fills in
 * (imagePullPolicy, terminationMessagePolicy, port protocol, probe thresholds) are checked only
 * when present, so the result is the same before and after defaulting.
 */
final class ContainerValidator {

    static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
    private static final String INIT_ONLY_WITH_ALWAYS = "may not be set for init containers without restartPolicy=Always";

    private ContainerValidator() {
    }

    static List<FieldError> containers(List<Container> containers, Set<String> volumes, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (Checks.isEmpty(containers)) {
            errs.add(FieldError.required(path, ""));
            return errs;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            FieldPath idx = path.index(i);
            errs.addAll(common(c, names, volumes, idx));
            if (c.getRestartPolicy() != null) {
                errs.add(FieldError.forbidden(idx.child("restartPolicy"), "may not be set for non-init containers"));
            }
            errs.addAll(ProbeValidator.lifecycle(c.getLifecycle(), idx.child("lifecycle")));
            errs.addAll(probes(c, idx));
        }
        errs.addAll(hostPortConflicts(containers, path));
        return errs;
    }

    static List<FieldError> initContainers(List<Container> inits, List<Container> regular, Set<String> volumes, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Container c : Checks.orEmpty(regular)) {
            names.add(MetaValidator.nullToEmpty(c.getName()));
        }
        List<Container> list = Checks.orEmpty(inits);
        for (int i = 0; i < list.size(); i++) {
            Container c = list.get(i);
            FieldPath idx = path.index(i);
            errs.addAll(common(c, names, volumes, idx));
            String restart = c.getRestartPolicy();
            if (restart != null && !restart.equals("Always")) {
                errs.add(FieldError.notSupported(idx.child("restartPolicy"), restart, List.of("Always")));
            }
            if ("Always".equals(restart)) {
                errs.addAll(ProbeValidator.lifecycle(c.getLifecycle(), idx.child("lifecycle")));
                errs.addAll(probes(c, idx));
            } else {
                forbidInInit(errs, c.getLifecycle(), idx.child("lifecycle"));
                forbidInInit(errs, c.getLivenessProbe(), idx.child("livenessProbe"));
                forbidInInit(errs, c.getReadinessProbe(), idx.child("readinessProbe"));
                forbidInInit(errs, c.getStartupProbe(), idx.child("startupProbe"));
            }
            errs.addAll(hostPortConflicts(List.of(c), path));
        }
        return errs;
    }

    /**
     * {@code spec.ephemeralContainers} ({@code kubectl debug}): named apart from every other
     * container, with the fields of a container except those a pod's service relies on (ports,
     * probes, lifecycle, resources, restartPolicy, volume subPaths), as kube-apiserver checks them;
     * {@code targetContainerName} names a container of the pod.
     */
    static List<FieldError> ephemeralContainers(List<EphemeralContainer> ephemeral, List<Container> regular,
                                                List<Container> inits, Set<String> volumes, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Checks.orEmpty(regular).forEach(c -> names.add(MetaValidator.nullToEmpty(c.getName())));
        Checks.orEmpty(inits).forEach(c -> names.add(MetaValidator.nullToEmpty(c.getName())));
        Set<String> targets = Set.copyOf(names);
        List<EphemeralContainer> list = Checks.orEmpty(ephemeral);
        for (int i = 0; i < list.size(); i++) {
            EphemeralContainer e = list.get(i);
            FieldPath idx = path.index(i);
            errs.addAll(common(EphemeralContainers.asContainer(e), names, volumes, idx));
            forbidInEphemeral(errs, e.getPorts() == null || e.getPorts().isEmpty() ? null : e.getPorts(), idx.child("ports"));
            boolean noResources = e.getResources() == null || (Checks.isEmpty(e.getResources().getLimits())
                    && Checks.isEmpty(e.getResources().getRequests()) && Checks.isEmpty(e.getResources().getClaims()));
            forbidInEphemeral(errs, noResources ? null : e.getResources(), idx.child("resources"));
            forbidInEphemeral(errs, e.getLivenessProbe(), idx.child("livenessProbe"));
            forbidInEphemeral(errs, e.getReadinessProbe(), idx.child("readinessProbe"));
            forbidInEphemeral(errs, e.getStartupProbe(), idx.child("startupProbe"));
            forbidInEphemeral(errs, e.getLifecycle(), idx.child("lifecycle"));
            forbidInEphemeral(errs, e.getRestartPolicy(), idx.child("restartPolicy"));
            List<io.fabric8.kubernetes.api.model.VolumeMount> mounts = Checks.orEmpty(e.getVolumeMounts());
            for (int m = 0; m < mounts.size(); m++) {
                forbidInEphemeral(errs, Checks.isEmpty(mounts.get(m).getSubPath()) ? null : mounts.get(m).getSubPath(),
                        idx.child("volumeMounts").index(m).child("subPath"));
            }
            String target = e.getTargetContainerName();
            if (!Checks.isEmpty(target) && !targets.contains(target)) {
                errs.add(FieldError.notFound(idx.child("targetContainerName"), target));
            }
        }
        return errs;
    }

    private static void forbidInEphemeral(List<FieldError> errs, Object value, FieldPath path) {
        if (value != null) {
            errs.add(FieldError.forbidden(path, "cannot be set for an Ephemeral Container"));
        }
    }

    private static List<FieldError> common(Container c, Set<String> names, Set<String> volumes, FieldPath idx) {
        List<FieldError> errs = new ArrayList<>();
        String name = MetaValidator.nullToEmpty(c.getName());
        if (name.isEmpty()) {
            errs.add(FieldError.required(idx.child("name"), ""));
        } else {
            for (String msg : NameRules.isDns1123Label(name)) {
                errs.add(FieldError.invalid(idx.child("name"), name, msg));
            }
        }
        if (!names.add(name)) {
            errs.add(FieldError.duplicate(idx.child("name"), name));
        }
        if (Checks.isEmpty(c.getImage())) {
            errs.add(FieldError.required(idx.child("image"), ""));
        } else if (!c.getImage().equals(c.getImage().strip())) {
            errs.add(FieldError.invalid(idx.child("image"), c.getImage(), "must not have leading or trailing whitespace"));
        }
        String messagePolicy = c.getTerminationMessagePolicy();
        if (messagePolicy != null && !messagePolicy.equals("File") && !messagePolicy.equals("FallbackToLogsOnError")) {
            errs.add(FieldError.invalid(idx.child("terminationMessagePolicy"), messagePolicy,
                    "must be 'File' or 'FallbackToLogsOnError'"));
        }
        errs.addAll(ports(c.getPorts(), idx.child("ports")));
        errs.addAll(EnvValidator.env(c.getEnv(), idx.child("env")));
        errs.addAll(EnvValidator.envFrom(c.getEnvFrom(), idx.child("envFrom")));
        errs.addAll(mounts(c.getVolumeMounts(), volumes, idx.child("volumeMounts")));
        String pull = c.getImagePullPolicy();
        if (pull != null && !pull.isEmpty() && !PULL_POLICIES.contains(pull)) {
            errs.add(FieldError.notSupported(idx.child("imagePullPolicy"), pull, PULL_POLICIES));
        }
        errs.addAll(ResourceValidator.validate(c.getResources(), idx.child("resources")));
        return errs;
    }

    private static List<FieldError> probes(Container c, FieldPath idx) {
        List<FieldError> errs = new ArrayList<>();
        errs.addAll(ProbeValidator.probe(c.getLivenessProbe(), idx.child("livenessProbe")));
        errs.addAll(ProbeValidator.probe(c.getReadinessProbe(), idx.child("readinessProbe")));
        errs.addAll(ProbeValidator.probe(c.getStartupProbe(), idx.child("startupProbe")));
        if (c.getReadinessProbe() != null && c.getReadinessProbe().getTerminationGracePeriodSeconds() != null) {
            errs.add(FieldError.invalid(idx.child("readinessProbe", "terminationGracePeriodSeconds"),
                    c.getReadinessProbe().getTerminationGracePeriodSeconds(), "must not be set for readinessProbes"));
        }
        successThresholdIsOne(errs, c.getLivenessProbe(), idx.child("livenessProbe", "successThreshold"));
        successThresholdIsOne(errs, c.getStartupProbe(), idx.child("startupProbe", "successThreshold"));
        return errs;
    }

    private static void successThresholdIsOne(List<FieldError> errs, io.fabric8.kubernetes.api.model.Probe probe, FieldPath path) {
        if (probe != null && probe.getSuccessThreshold() != null && probe.getSuccessThreshold() != 0
                && probe.getSuccessThreshold() != 1) {
            errs.add(FieldError.invalid(path, probe.getSuccessThreshold(), "must be 1"));
        }
    }

    private static void forbidInInit(List<FieldError> errs, Object value, FieldPath path) {
        if (value != null) {
            errs.add(FieldError.forbidden(path, INIT_ONLY_WITH_ALWAYS));
        }
    }

    static List<FieldError> ports(List<ContainerPort> ports, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<ContainerPort> list = Checks.orEmpty(ports);
        for (int i = 0; i < list.size(); i++) {
            ContainerPort port = list.get(i);
            FieldPath idx = path.index(i);
            String name = port.getName();
            if (!Checks.isEmpty(name)) {
                List<String> msgs = NameRules.isValidPortName(name);
                if (!msgs.isEmpty()) {
                    msgs.forEach(msg -> errs.add(FieldError.invalid(idx.child("name"), name, msg)));
                } else if (!names.add(name)) {
                    errs.add(FieldError.duplicate(idx.child("name"), name));
                }
            }
            int containerPort = port.getContainerPort() == null ? 0 : port.getContainerPort();
            if (containerPort == 0) {
                errs.add(FieldError.required(idx.child("containerPort"), ""));
            } else {
                NameRules.isValidPortNum(containerPort)
                        .forEach(msg -> errs.add(FieldError.invalid(idx.child("containerPort"), containerPort, msg)));
            }
            int hostPort = port.getHostPort() == null ? 0 : port.getHostPort();
            if (hostPort != 0) {
                NameRules.isValidPortNum(hostPort)
                        .forEach(msg -> errs.add(FieldError.invalid(idx.child("hostPort"), hostPort, msg)));
            }
            String protocol = port.getProtocol();
            if (!Checks.isEmpty(protocol) && !PROTOCOLS.contains(protocol)) {
                errs.add(FieldError.notSupported(idx.child("protocol"), protocol, PROTOCOLS));
            }
        }
        return errs;
    }

    private static List<FieldError> mounts(List<VolumeMount> mounts, Set<String> volumes, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> mountPaths = new HashSet<>();
        List<VolumeMount> list = Checks.orEmpty(mounts);
        for (int i = 0; i < list.size(); i++) {
            VolumeMount m = list.get(i);
            FieldPath idx = path.index(i);
            String name = MetaValidator.nullToEmpty(m.getName());
            if (name.isEmpty()) {
                errs.add(FieldError.required(idx.child("name"), ""));
            }
            if (!volumes.contains(name)) {
                errs.add(FieldError.notFound(idx.child("name"), name));
            }
            String mountPath = MetaValidator.nullToEmpty(m.getMountPath());
            if (mountPath.isEmpty()) {
                errs.add(FieldError.required(idx.child("mountPath"), ""));
            }
            if (!mountPaths.add(mountPath)) {
                errs.add(FieldError.invalid(idx.child("mountPath"), mountPath, "must be unique"));
            }
        }
        return errs;
    }

    private static List<FieldError> hostPortConflicts(List<Container> containers, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int ci = 0; ci < containers.size(); ci++) {
            List<ContainerPort> ports = Checks.orEmpty(containers.get(ci).getPorts());
            for (int pi = 0; pi < ports.size(); pi++) {
                ContainerPort p = ports.get(pi);
                if (p.getHostPort() == null || p.getHostPort() == 0) {
                    continue;
                }
                String key = Checks.or(p.getProtocol(), "TCP") + "/" + MetaValidator.nullToEmpty(p.getHostIP()) + "/" + p.getHostPort();
                if (!seen.add(key)) {
                    errs.add(FieldError.duplicate(path.index(ci).child("ports").index(pi).child("hostPort"), key));
                }
            }
        }
        return errs;
    }
}
