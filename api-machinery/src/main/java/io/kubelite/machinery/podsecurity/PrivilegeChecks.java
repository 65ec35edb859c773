package io.kubelite.machinery.podsecurity;

import static io.kubelite.machinery.podsecurity.CheckedPod.context;
import static io.kubelite.machinery.podsecurity.CheckedPod.isTrue;
import static io.kubelite.machinery.podsecurity.CheckedPod.name;
import static io.kubelite.machinery.podsecurity.Wording.containers;
import static io.kubelite.machinery.podsecurity.Wording.joinQuote;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Checks on what a container may gain: privileged mode, Linux capabilities, privilege escalation. */
final class PrivilegeChecks {

    /** The container runtime's default capabilities; baseline lets a container add these back. */
    static final Set<String> DEFAULT_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID",
            "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");

    /** Windows pods are exempt from the restricted checks below from this policy version on. */
    static final int WINDOWS_EXEMPT_SINCE = 25;

    private PrivilegeChecks() {
    }

    static List<Check> all() {
        return List.of(
                Check.baseline("privileged", PrivilegeChecks::privileged),
                Check.baseline("capabilities_baseline", PrivilegeChecks::capabilitiesBaseline),
                Check.restricted("allowPrivilegeEscalation", 8, Set.of(), PrivilegeChecks::allowPrivilegeEscalation),
                Check.restricted("capabilities_restricted", 22, Set.of("capabilities_baseline"),
                        PrivilegeChecks::capabilitiesRestricted));
    }

    /** {@code securityContext.privileged} must be unset or false. */
    static Optional<Violation> privileged(CheckedPod pod) {
        List<String> bad = new ArrayList<>();
        for (Container c : pod.containers()) {
            if (isTrue(context(c).getPrivileged())) {
                bad.add(name(c));
            }
        }
        return bad.isEmpty() ? Optional.empty()
                : Optional.of(new Violation("privileged", containers(bad) + " must not set securityContext.privileged=true"));
    }

    /**
     * {@code capabilities.add} may only name {@link #DEFAULT_CAPABILITIES}. The offending
     * capabilities of all containers are listed once, sorted:
     * {@code containers "a", "b" must not include "BAR", "BAZ", "FOO" in securityContext.capabilities.add}.
     */
    static Optional<Violation> capabilitiesBaseline(CheckedPod pod) {
        List<String> bad = new ArrayList<>();
        TreeSet<String> added = new TreeSet<>();
        for (Container c : pod.containers()) {
            Capabilities caps = context(c).getCapabilities();
            if (caps == null) {
                continue;
            }
            boolean valid = true;
            for (String cap : CheckedPod.orEmpty(caps.getAdd())) {
                if (!DEFAULT_CAPABILITIES.contains(CheckedPod.orEmpty(cap))) {
                    valid = false;
                    added.add(CheckedPod.orEmpty(cap));
                }
            }
            if (!valid) {
                bad.add(name(c));
            }
        }
        return bad.isEmpty() ? Optional.empty() : Optional.of(new Violation("non-default capabilities",
                containers(bad) + " must not include " + joinQuote(added) + " in securityContext.capabilities.add"));
    }

    /** Restricted (v1.8+): {@code allowPrivilegeEscalation} must be explicitly false; unset counts as true. */
    static Optional<Violation> allowPrivilegeEscalation(CheckedPod pod) {
        if (windowsExempt(pod)) {
            return Optional.empty();
        }
        List<String> bad = new ArrayList<>();
        for (Container c : pod.containers()) {
            Boolean allow = context(c).getAllowPrivilegeEscalation();
            if (allow == null || allow) {
                bad.add(name(c));
            }
        }
        return bad.isEmpty() ? Optional.empty() : Optional.of(new Violation("allowPrivilegeEscalation != false",
                containers(bad) + " must set securityContext.allowPrivilegeEscalation=false"));
    }

    /**
     * Restricted (v1.22+): every container drops {@code ALL} and adds nothing but
     * {@code NET_BIND_SERVICE}. Both halves are reported, joined with {@code "; "}:
     * {@code container "a" must set securityContext.capabilities.drop=["ALL"]; container "b" must not
     * include "SYS_ADMIN" in securityContext.capabilities.add}.
     */
    static Optional<Violation> capabilitiesRestricted(CheckedPod pod) {
        if (windowsExempt(pod)) {
            return Optional.empty();
        }
        List<String> missingDropAll = new ArrayList<>();
        List<String> addingForbidden = new ArrayList<>();
        TreeSet<String> forbidden = new TreeSet<>();
        for (Container c : pod.containers()) {
            SecurityContext sc = context(c);
            if (sc.getCapabilities() == null) {
                missingDropAll.add(name(c));
                continue;
            }
            if (!CheckedPod.orEmpty(sc.getCapabilities().getDrop()).contains("ALL")) {
                missingDropAll.add(name(c));
            }
            boolean adds = false;
            for (String cap : CheckedPod.orEmpty(sc.getCapabilities().getAdd())) {
                if (!"NET_BIND_SERVICE".equals(cap)) {
                    adds = true;
                    forbidden.add(CheckedPod.orEmpty(cap));
                }
            }
            if (adds) {
                addingForbidden.add(name(c));
            }
        }
        List<String> details = new ArrayList<>();
        if (!missingDropAll.isEmpty()) {
            details.add(containers(missingDropAll) + " must set securityContext.capabilities.drop=[\"ALL\"]");
        }
        if (!addingForbidden.isEmpty()) {
            details.add(containers(addingForbidden) + " must not include " + joinQuote(forbidden)
                    + " in securityContext.capabilities.add");
        }
        return details.isEmpty() ? Optional.empty()
                : Optional.of(new Violation("unrestricted capabilities", String.join("; ", details)));
    }

    /**
     * From v1.25 a pod with {@code spec.os.name: windows} passes the Linux-only restricted checks:
     * API validation already forbids it to set those Linux fields.
     */
    static boolean windowsExempt(CheckedPod pod) {
        return pod.minor() >= WINDOWS_EXEMPT_SINCE && pod.windows();
    }
}
