package io.kubelite.machinery.podsecurity;

import static io.kubelite.machinery.podsecurity.CheckedPod.context;
import static io.kubelite.machinery.podsecurity.CheckedPod.isTrue;
import static io.kubelite.machinery.podsecurity.CheckedPod.name;
import static io.kubelite.machinery.podsecurity.Wording.containers;
import static io.kubelite.machinery.podsecurity.Wording.pluralize;
import static io.kubelite.machinery.podsecurity.Wording.setters;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.WindowsSecurityContextOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Baseline checks that keep a pod off the node's namespaces, ports and Windows host. */
final class HostChecks {

    private HostChecks() {
    }

    static List<Check> all() {
        return List.of(
                Check.baseline("hostNamespaces", HostChecks::hostNamespaces),
                Check.baseline("hostPorts", HostChecks::hostPorts),
                Check.baseline("windowsHostProcess", HostChecks::windowsHostProcess));
    }

    /** {@code spec.hostNetwork}, {@code hostPID} and {@code hostIPC} must be unset or false. */
    static Optional<Violation> hostNamespaces(CheckedPod pod) {
        PodSpec spec = pod.spec();
        List<String> set = new ArrayList<>();
        if (isTrue(spec.getHostNetwork())) {
            set.add("hostNetwork=true");
        }
        if (isTrue(spec.getHostPID())) {
            set.add("hostPID=true");
        }
        if (isTrue(spec.getHostIPC())) {
            set.add("hostIPC=true");
        }
        return set.isEmpty() ? Optional.empty() : Optional.of(new Violation("host namespaces", String.join(", ", set)));
    }

    /**
     * Every {@code ports[*].hostPort} must be unset or 0. The ports are listed once each, sorted as
     * text the way Go's string sets sort them: 8080 and 10250 print as {@code hostPorts 10250, 8080}.
     */
    static Optional<Violation> hostPorts(CheckedPod pod) {
        List<String> bad = new ArrayList<>();
        TreeSet<String> ports = new TreeSet<>();
        for (Container c : pod.containers()) {
            boolean uses = false;
            for (ContainerPort p : CheckedPod.orEmpty(c.getPorts())) {
                if (p.getHostPort() != null && p.getHostPort() != 0) {
                    uses = true;
                    ports.add(Integer.toString(p.getHostPort()));
                }
            }
            if (uses) {
                bad.add(name(c));
            }
        }
        if (bad.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Violation("hostPort", containers(bad) + " " + pluralize("uses", "use", bad.size()) + " "
                + pluralize("hostPort", "hostPorts", ports.size()) + " " + String.join(", ", ports)));
    }

    /** {@code securityContext.windowsOptions.hostProcess} must be unset or false, on the pod and every container. */
    static Optional<Violation> windowsHostProcess(CheckedPod pod) {
        List<String> bad = new ArrayList<>();
        for (Container c : pod.containers()) {
            if (hostProcess(context(c).getWindowsOptions())) {
                bad.add(name(c));
            }
        }
        boolean podSets = hostProcess(pod.podContext().getWindowsOptions());
        if (!podSets && bad.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Violation("hostProcess",
                setters(podSets, bad) + " must not set securityContext.windowsOptions.hostProcess=true"));
    }

    private static boolean hostProcess(WindowsSecurityContextOptions options) {
        return options != null && isTrue(options.getHostProcess());
    }
}
