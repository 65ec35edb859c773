package io.kubelite.nodeagent.runtime;

import java.util.List;
import java.util.Map;

/**
 * One container as the runtime creates it, with everything already resolved: environment values,
 * host directories of volumes, the network to join. {@code entrypoint}/{@code cmd} null means "the
 * image's own" (Kubernetes: no command → the image's ENTRYPOINT, no args → the image's CMD).
 *
 * @param networkMode "bridge" for a pod's pause container, "container:&lt;pause id&gt;" for its app containers
 * @param terminal    the container's stdin and terminal ({@code stdin}, {@code stdinOnce}, {@code tty} of its spec)
 * @param pidMode     null for a process namespace of its own, "container:&lt;id&gt;" to share another's (an
 *                    ephemeral container's {@code targetContainerName})
 * @param security    the user it runs as and what it may do (its securityContext and the pod's)
 * @param extraHosts  lines added to the /etc/hosts of a pod's pause container, {@code host:ip} (hostAliases)
 * @param runtimeHandler the engine's runtime that runs the container ({@code runc}, from the pod's
 *                    RuntimeClass); null for the engine's default
 */
public record ContainerSpec(
        String name,
        String image,
        List<String> entrypoint,
        List<String> cmd,
        String workingDir,
        List<String> env,
        Map<String, String> labels,
        String networkMode,
        String hostname,
        String domainname,
        List<PortMapping> ports,
        List<Mount> mounts,
        Resources resources,
        Dns dns,
        Terminal terminal,
        String pidMode,
        Security security,
        List<String> extraHosts,
        String runtimeHandler) {

    public ContainerSpec {
        extraHosts = List.copyOf(extraHosts);
        env = List.copyOf(env);
        labels = Map.copyOf(labels);
        ports = List.copyOf(ports);
        mounts = List.copyOf(mounts);
    }

    /** The same container in another process namespace ({@code container:<id>}). */
    public ContainerSpec withPidMode(String mode) {
        return new ContainerSpec(name, image, entrypoint, cmd, workingDir, env, labels, networkMode, hostname, domainname,
                ports, mounts, resources, dns, terminal, mode, security, extraHosts, runtimeHandler);
    }

    /**
     * The same container run by the engine's runtime {@code handler}, which its
     * {@link ContainerLabels#RUNTIME_HANDLER} label then names; null keeps the engine's default.
     */
    public ContainerSpec withRuntimeHandler(String handler) {
        if (handler == null) {
            return this;
        }
        Map<String, String> labeled = new java.util.HashMap<>(labels);
        labeled.put(ContainerLabels.RUNTIME_HANDLER, handler);
        return new ContainerSpec(name, image, entrypoint, cmd, workingDir, env, labeled, networkMode, hostname, domainname,
                ports, mounts, resources, dns, terminal, pidMode, security, extraHosts, handler);
    }

    /**
     * Who the container runs as and what it may do, from its securityContext over the pod's.
     * Example: {@code runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000, capabilities: {drop: [ALL],
     * add: [NET_BIND_SERVICE]}, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false} →
     * user {@code 1000:3000}, groups [2000], capDrop [ALL], capAdd [NET_BIND_SERVICE], a read-only
     * root, no-new-privileges.
     *
     * @param user    {@code uid} or {@code uid:gid}; null runs as the image's user
     * @param groups  supplementary groups (supplementalGroups, fsGroup)
     * @param sysctls namespaced kernel parameters of the pod (its pause container's network namespace)
     */
    public record Security(String user, List<String> groups, List<String> capAdd, List<String> capDrop,
                           boolean privileged, boolean readOnlyRootFilesystem, boolean noNewPrivileges,
                           Map<String, String> sysctls) {
        public static final Security NONE = new Security(null, List.of(), List.of(), List.of(), false, false, false, Map.of());

        public Security {
            groups = List.copyOf(groups);
            capAdd = List.copyOf(capAdd);
            capDrop = List.copyOf(capDrop);
            sysctls = Map.copyOf(sysctls);
        }
    }

    /**
     * Whether the container's stdin stays open for {@code kubectl attach -i} ({@code stdinOnce}:
     * until the first attached client leaves) and whether it runs in a terminal.
     */
    public record Terminal(boolean stdin, boolean stdinOnce, boolean tty) {
        public static final Terminal NONE = new Terminal(false, false, false);
    }

    /** The container's resolv.conf; a null {@code dns} keeps Docker's (a copy of the host's). */
    public record Dns(List<String> nameservers, List<String> searches, List<String> options) {
        public Dns {
            nameservers = List.copyOf(nameservers);
            searches = List.copyOf(searches);
            options = List.copyOf(options);
        }
    }

    /** containerPort published on hostIp:hostPort of the machine. */
    public record PortMapping(int containerPort, int hostPort, String protocol, String hostIp) {
    }

    /** A host directory or file bound into the container. */
    public record Mount(String hostPath, String containerPath, boolean readOnly) {
    }

    /**
     * Docker's resource knobs; 0 means unset.
     *
     * @param nanoCpus   limits.cpu: 500m → 500_000_000 (half a CPU of CFS quota)
     * @param cpuShares  requests.cpu: 250m → 256 (1024 per CPU, at least 2)
     */
    public record Resources(long memoryBytes, long nanoCpus, long cpuShares) {
        public static final Resources NONE = new Resources(0, 0, 0);
    }
}
