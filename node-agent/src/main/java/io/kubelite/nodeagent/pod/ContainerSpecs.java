package io.kubelite.nodeagent.pod;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.kubelite.nodeagent.runtime.ContainerLabels;
import io.kubelite.nodeagent.runtime.ContainerSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a pod becomes Docker containers: one pause container that owns the network namespace
 * (and publishes every hostPort, since the app containers have no network of their own), and
 * one container per {@code spec.containers} entry joined to it with {@code container:<pause id>}.
 */
public final class ContainerSpecs {

    private ContainerSpecs() {
    }

    /** Who owns the containers: the labels that keep agents sharing one engine apart. */
    public record Owner(String clusterId, String nodeName) {
    }

    /**
     * The pause container, which owns the pod's network namespace and so its hostname, /etc/hosts
     * and resolv.conf ({@code dns}, null = Docker's). A pod with {@code spec.subdomain} (a StatefulSet's) gets the domain
     * {@code <subdomain>.<namespace>.svc.<cluster domain>}, so its /etc/hosts reads
     * {@code 10.1.0.7 web-0.nginx.default.svc.cluster.local web-0} and {@code hostname -f} answers
     * the name the cluster DNS serves, as the kubelet arranges it.
     */
    public static ContainerSpec sandbox(Pod pod, Owner owner, String pauseImage, List<String> pauseCommand, ContainerSpec.Dns dns,
            String clusterDomain) {
        List<ContainerSpec.PortMapping> ports = new ArrayList<>();
        for (Container container : pod.getSpec().getContainers()) {
            for (ContainerPort port : nullToEmpty(container.getPorts())) {
                if (port.getHostPort() != null && port.getHostPort() > 0) {
                    ports.add(new ContainerSpec.PortMapping(port.getContainerPort(), port.getHostPort(),
                            port.getProtocol() == null ? "TCP" : port.getProtocol(), port.getHostIP()));
                }
            }
        }
        String hostname = pod.getSpec().getHostname() != null ? pod.getSpec().getHostname() : pod.getMetadata().getName();
        if (Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
            // the node's network, hostname and resolv.conf: nothing to publish or name
            return new ContainerSpec(dockerName(pod, ContainerLabels.SANDBOX, 0, owner), pauseImage,
                    pauseCommand, null, null, List.of(), labels(pod, ContainerLabels.SANDBOX, 0, owner),
                    "host", null, null, List.of(), List.of(), ContainerSpec.Resources.NONE, null,
                    ContainerSpec.Terminal.NONE, hostPid(pod), sandboxSecurity(pod), extraHosts(pod), null);
        }
        return new ContainerSpec(dockerName(pod, ContainerLabels.SANDBOX, 0, owner), pauseImage,
                pauseCommand, null, null, List.of(), labels(pod, ContainerLabels.SANDBOX, 0, owner),
                "bridge", truncate(hostname, 63), domainname(pod, clusterDomain), ports, List.of(), ContainerSpec.Resources.NONE, dns,
                ContainerSpec.Terminal.NONE, hostPid(pod), sandboxSecurity(pod), extraHosts(pod), null);
    }

    private static String hostPid(Pod pod) {
        return Boolean.TRUE.equals(pod.getSpec().getHostPID()) ? "host" : null;
    }

    /**
     * The process namespace an app container joins: the node's ({@code hostPID}), the pause
     * container's when the pod shares one ({@code shareProcessNamespace}: every container sees the
     * others' processes), else one of its own.
     */
    static String pidMode(Pod pod, String sandboxId) {
        if (Boolean.TRUE.equals(pod.getSpec().getHostPID())) {
            return "host";
        }
        return Boolean.TRUE.equals(pod.getSpec().getShareProcessNamespace()) ? "container:" + sandboxId : null;
    }

    /** {@code spec.hostAliases} as Docker's extra /etc/hosts entries: {@code {ip: 10.1.2.3, hostnames: [foo, bar]}} → foo:10.1.2.3, bar:10.1.2.3. */
    static List<String> extraHosts(Pod pod) {
        List<String> hosts = new ArrayList<>();
        for (HostAlias alias : nullToEmpty(pod.getSpec().getHostAliases())) {
            for (String hostname : nullToEmpty(alias.getHostnames())) {
                hosts.add(hostname + ":" + alias.getIp());
            }
        }
        return hosts;
    }

    /** The pod's sysctls go to its pause container, which owns the namespaces they belong to. */
    private static ContainerSpec.Security sandboxSecurity(Pod pod) {
        PodSecurityContext context = pod.getSpec().getSecurityContext();
        if (context == null || context.getSysctls() == null || context.getSysctls().isEmpty()) {
            return ContainerSpec.Security.NONE;
        }
        Map<String, String> sysctls = new java.util.LinkedHashMap<>();
        for (Sysctl sysctl : context.getSysctls()) {
            sysctls.put(sysctl.getName(), sysctl.getValue());
        }
        return new ContainerSpec.Security(null, List.of(), List.of(), List.of(), false, false, false, sysctls);
    }

    /**
     * The container's securityContext over the pod's, as the kubelet merges them: runAsUser and
     * runAsGroup from the container when it sets them, else the pod; supplementalGroups and
     * fsGroup of the pod as extra groups; capabilities, privileged, readOnlyRootFilesystem and
     * allowPrivilegeEscalation of the container.
     */
    public static ContainerSpec.Security security(Pod pod, Container container) {
        PodSecurityContext podContext = pod.getSpec().getSecurityContext();
        SecurityContext context = container.getSecurityContext();
        Long uid = context != null && context.getRunAsUser() != null ? context.getRunAsUser()
                : podContext == null ? null : podContext.getRunAsUser();
        Long gid = context != null && context.getRunAsGroup() != null ? context.getRunAsGroup()
                : podContext == null ? null : podContext.getRunAsGroup();
        String user = uid == null ? null : gid == null ? uid.toString() : uid + ":" + gid;
        List<String> groups = new ArrayList<>();
        if (podContext != null) {
            nullToEmpty(podContext.getSupplementalGroups()).forEach(g -> groups.add(g.toString()));
            if (podContext.getFsGroup() != null && !groups.contains(podContext.getFsGroup().toString())) {
                groups.add(podContext.getFsGroup().toString());
            }
        }
        if (context == null) {
            return new ContainerSpec.Security(user, groups, List.of(), List.of(), false, false, false, Map.of());
        }
        Capabilities caps = context.getCapabilities();
        return new ContainerSpec.Security(user, groups,
                caps == null ? List.of() : nullToEmpty(caps.getAdd()), caps == null ? List.of() : nullToEmpty(caps.getDrop()),
                Boolean.TRUE.equals(context.getPrivileged()), Boolean.TRUE.equals(context.getReadOnlyRootFilesystem()),
                Boolean.FALSE.equals(context.getAllowPrivilegeEscalation()), Map.of());
    }

    /**
     * The kubelet's runAsNonRoot check before a container is created; null when it may run.
     * {@code imageUser} is the image's USER ("" = root). Example: runAsNonRoot with an image
     * whose USER is empty → {@code container has runAsNonRoot and image will run as root (pod:
     * "web_default(uid)", container: app)}.
     */
    public static String nonRootViolation(Pod pod, Container container, String imageUser) {
        PodSecurityContext podContext = pod.getSpec().getSecurityContext();
        SecurityContext context = container.getSecurityContext();
        Boolean nonRoot = context != null && context.getRunAsNonRoot() != null ? context.getRunAsNonRoot()
                : podContext == null ? null : podContext.getRunAsNonRoot();
        if (!Boolean.TRUE.equals(nonRoot)) {
            return null;
        }
        String where = "(pod: \"" + pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "("
                + pod.getMetadata().getUid() + ")\", container: " + container.getName() + ")";
        Long uid = context != null && context.getRunAsUser() != null ? context.getRunAsUser()
                : podContext == null ? null : podContext.getRunAsUser();
        if (uid != null) {
            return uid == 0 ? "container's runAsUser breaks non-root policy " + where : null;
        }
        String user = imageUser == null ? "" : imageUser.split(":", 2)[0];
        if (user.isEmpty() || user.equals("0")) {
            return "container has runAsNonRoot and image will run as root " + where;
        }
        if (!user.chars().allMatch(Character::isDigit)) {
            return "container has runAsNonRoot and image has non-numeric user (" + user + "), cannot verify user is non-root "
                    + where;
        }
        return null;
    }

    private static String domainname(Pod pod, String clusterDomain) {
        String subdomain = pod.getSpec().getSubdomain();
        if (subdomain == null || subdomain.isEmpty()) {
            return null;
        }
        return subdomain + "." + pod.getMetadata().getNamespace() + ".svc." + clusterDomain;
    }

    /**
     * An app container. Kubernetes' rule for the command line: {@code command} replaces the
     * image's ENTRYPOINT and {@code args} its CMD; command without args drops the image's CMD
     * too (so {@code command: [sh]} on an image with CMD [httpd] runs plain {@code sh}).
     */
    public static ContainerSpec app(Pod pod, Container container, String sandboxId, List<String> env,
            List<ContainerSpec.Mount> mounts, int restartCount, Owner owner) {
        List<String> entrypoint = emptyToNull(container.getCommand());
        List<String> cmd = emptyToNull(container.getArgs());
        if (entrypoint != null && cmd == null) {
            cmd = List.of();
        }
        return new ContainerSpec(dockerName(pod, container.getName(), restartCount, owner), container.getImage(),
                entrypoint, cmd, container.getWorkingDir(), env,
                labels(pod, container.getName(), restartCount, owner), "container:" + sandboxId, null, null,
                List.of(), mounts, resources(container.getResources()), null,
                new ContainerSpec.Terminal(Boolean.TRUE.equals(container.getStdin()),
                        Boolean.TRUE.equals(container.getStdinOnce()), Boolean.TRUE.equals(container.getTty())),
                pidMode(pod, sandboxId), security(pod, container), List.of(), null);
    }

    /**
     * An ephemeral container ({@code kubectl debug}): run as an app container of the pod, in the
     * process namespace of {@code targetId}'s container when it names one.
     */
    public static ContainerSpec ephemeral(Pod pod, Container container, String sandboxId, List<String> env,
            List<ContainerSpec.Mount> mounts, Owner owner, String targetId) {
        ContainerSpec spec = app(pod, container, sandboxId, env, mounts, 0, owner);
        return targetId == null ? spec : spec.withPidMode("container:" + targetId);
    }

    /**
     * limits.memory → Memory; limits.cpu → NanoCPUs (CFS quota); requests.cpu → CpuShares, and
     * when only a limit is given the request defaults to it, as the API server would default it.
     * Example: requests.cpu 250m, limits.cpu 500m, limits.memory 64Mi →
     * shares 256, nanoCpus 500_000_000, memory 67_108_864.
     */
    public static ContainerSpec.Resources resources(ResourceRequirements requirements) {
        if (requirements == null) {
            return ContainerSpec.Resources.NONE;
        }
        Map<String, Quantity> limits = requirements.getLimits() == null ? Map.of() : requirements.getLimits();
        Map<String, Quantity> requests = requirements.getRequests() == null ? Map.of() : requirements.getRequests();
        long memory = limits.containsKey("memory") ? amount(limits.get("memory")).longValue() : 0;
        long nanoCpus = limits.containsKey("cpu")
                ? amount(limits.get("cpu")).multiply(BigDecimal.valueOf(1_000_000_000L)).longValue() : 0;
        Quantity cpuRequest = requests.containsKey("cpu") ? requests.get("cpu") : limits.get("cpu");
        long shares = 0;
        if (cpuRequest != null) {
            long milli = amount(cpuRequest).multiply(BigDecimal.valueOf(1000)).longValue();
            shares = Math.max(2, milli * 1024 / 1000);
        }
        return new ContainerSpec.Resources(memory, nanoCpus, shares);
    }

    static BigDecimal amount(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity);
    }

    public static Map<String, String> labels(Pod pod, String containerName, int restartCount, Owner owner) {
        Map<String, String> labels = new HashMap<>(ContainerLabels.owner(owner.clusterId(), owner.nodeName()));
        labels.put(ContainerLabels.POD_UID, pod.getMetadata().getUid());
        labels.put(ContainerLabels.POD_NAME, pod.getMetadata().getName());
        labels.put(ContainerLabels.POD_NAMESPACE, pod.getMetadata().getNamespace());
        labels.put(ContainerLabels.CONTAINER_NAME, containerName);
        labels.put(ContainerLabels.RESTART_COUNT, Integer.toString(restartCount));
        return labels;
    }

    /**
     * Kubernetes' dockershim naming, {@code k8s_<container>_<pod>_<namespace>_<uid>_<attempt>}, with
     * the cluster id in front: two clusters on one engine may both have pod default/web, and
     * a uid alone would still collide when a test replays one.
     */
    public static String dockerName(Pod pod, String containerName, int attempt, Owner owner) {
        return "k8s_" + owner.clusterId() + "_" + containerName + "_" + pod.getMetadata().getName() + "_"
                + pod.getMetadata().getNamespace() + "_" + pod.getMetadata().getUid() + "_" + attempt;
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static List<String> emptyToNull(List<String> list) {
        return list == null || list.isEmpty() ? null : List.copyOf(list);
    }
}
