package io.kubelite.machinery.podsecurity;

import static io.kubelite.machinery.podsecurity.CheckedPod.context;
import static io.kubelite.machinery.podsecurity.CheckedPod.name;
import static io.kubelite.machinery.podsecurity.CheckedPod.orEmpty;
import static io.kubelite.machinery.podsecurity.Wording.containers;
import static io.kubelite.machinery.podsecurity.Wording.joinQuote;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Sysctl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Baseline checks on the kernel interfaces a pod may reach: /proc masking and sysctls. */
final class KernelChecks {

    /**
     * Sysctls that are namespaced and isolated from other pods, by the policy version that
     * allowed them. {@code baseline:v1.28} allows the first six; {@code baseline:latest} all twelve.
     */
    private static final List<Set<String>> SAFE_SYSCTLS_BY_VERSION = List.of(
            Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies",
                    "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start"),
            Set.of("net.ipv4.ip_local_reserved_ports"),
            Set.of("net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
                    "net.ipv4.tcp_keepalive_probes"),
            Set.of("net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"));

    /** The policy minor version each entry of {@link #SAFE_SYSCTLS_BY_VERSION} starts at. */
    private static final int[] SAFE_SYSCTLS_SINCE = {0, 27, 29, 32};

    private KernelChecks() {
    }

    static List<Check> all() {
        return List.of(
                Check.baseline("procMount", KernelChecks::procMount),
                Check.baseline("sysctls", KernelChecks::sysctls));
    }

    /**
     * {@code securityContext.procMount} must be unset or {@code Default}. Example:
     * {@code containers "d", "e" must not set securityContext.procMount to "Unmasked", "other"}.
     * (kube can relax this for pods in a user namespace behind the alpha
     * {@code UserNamespacesPodSecurityStandards} gate, off by default; that relaxation is not offered.)
     */
    static Optional<Violation> procMount(CheckedPod pod) {
        List<String> bad = new ArrayList<>();
        TreeSet<String> types = new TreeSet<>();
        for (Container c : pod.containers()) {
            String procMount = context(c).getProcMount();
            if (procMount != null && !procMount.equals("Default")) {
                bad.add(name(c));
                types.add(procMount);
            }
        }
        return bad.isEmpty() ? Optional.empty() : Optional.of(new Violation("procMount",
                containers(bad) + " must not set securityContext.procMount to " + joinQuote(types)));
    }

    /**
     * {@code spec.securityContext.sysctls[*].name} must be a safe sysctl at the policy version.
     * Offenders are listed in spec order, as written: {@code forbidden sysctls (kernel.msgmax, vm.swappiness)}.
     */
    static Optional<Violation> sysctls(CheckedPod pod) {
        Set<String> safe = safeSysctls(pod.minor());
        List<String> forbidden = new ArrayList<>();
        for (Sysctl s : CheckedPod.orEmpty(pod.podContext().getSysctls())) {
            if (!safe.contains(orEmpty(s.getName()))) {
                forbidden.add(orEmpty(s.getName()));
            }
        }
        return forbidden.isEmpty() ? Optional.empty()
                : Optional.of(new Violation("forbidden sysctls", String.join(", ", forbidden)));
    }

    static Set<String> safeSysctls(int minor) {
        Set<String> safe = new HashSet<>();
        for (int i = 0; i < SAFE_SYSCTLS_SINCE.length; i++) {
            if (minor >= SAFE_SYSCTLS_SINCE[i]) {
                safe.addAll(SAFE_SYSCTLS_BY_VERSION.get(i));
            }
        }
        return safe;
    }
}
