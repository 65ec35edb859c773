package io.kubelite.machinery.podsecurity;

import static io.kubelite.machinery.podsecurity.CheckedPod.context;
import static io.kubelite.machinery.podsecurity.CheckedPod.name;
import static io.kubelite.machinery.podsecurity.CheckedPod.orEmpty;
import static io.kubelite.machinery.podsecurity.Wording.containers;
import static io.kubelite.machinery.podsecurity.Wording.joinQuote;
import static io.kubelite.machinery.podsecurity.Wording.pluralize;
import static io.kubelite.machinery.podsecurity.Wording.setters;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.kubelite.machinery.validation.GoValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Seccomp: baseline forbids turning it off, restricted requires turning it on.
 * Before policy v1.19 seccomp was configured by annotations, and baseline checks those instead of fields.
 */
final class SeccompChecks {

    static final String POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
    static final String CONTAINER_ANNOTATION_PREFIX = "container.seccomp.security.alpha.kubernetes.io/";

    /** The policy version from which {@code securityContext.seccompProfile} is checked. */
    static final int FIELDS_SINCE = 19;

    private SeccompChecks() {
    }

    static List<Check> all() {
        return List.of(
                Check.baseline("seccompProfile_baseline", SeccompChecks::seccompBaseline),
                Check.restricted("seccompProfile_restricted", FIELDS_SINCE, Set.of("seccompProfile_baseline"),
                        SeccompChecks::seccompRestricted));
    }

    /** Baseline: an explicitly set profile type must be {@code RuntimeDefault} or {@code Localhost}. */
    static Optional<Violation> seccompBaseline(CheckedPod pod) {
        if (pod.minor() < FIELDS_SINCE) {
            return seccompAnnotations(pod);
        }
        Explicit explicit = explicitlyBad(pod);
        return explicit.violation();
    }

    /**
     * Restricted (v1.19+): beyond baseline, every container must end up with a profile, its own or
     * the pod's. Explicitly bad values are reported first; only when there are none are unset ones:
     * {@code pod or containers "a", "b" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"}.
     */
    static Optional<Violation> seccompRestricted(CheckedPod pod) {
        if (PrivilegeChecks.windowsExempt(pod)) {
            return Optional.empty();
        }
        Explicit explicit = explicitlyBad(pod);
        Optional<Violation> bad = explicit.violation();
        if (bad.isPresent()) {
            return bad;
        }
        SeccompProfile podProfile = pod.podContext().getSeccompProfile();
        boolean podSet = podProfile != null && valid(podProfile);
        List<String> unset = new ArrayList<>();
        for (Container c : pod.containers()) {
            if (context(c).getSeccompProfile() == null && !podSet) {
                unset.add(name(c));
            }
        }
        if (unset.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Violation("seccompProfile", "pod or " + containers(unset)
                + " must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\""));
    }

    private static boolean valid(SeccompProfile profile) {
        return "RuntimeDefault".equals(profile.getType()) || "Localhost".equals(profile.getType());
    }

    /** The pod and containers that set a profile type other than RuntimeDefault or Localhost. */
    private record Explicit(boolean pod, List<String> containers, TreeSet<String> values) {
        Optional<Violation> violation() {
            if (!pod && containers.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Violation("seccompProfile", setters(pod, containers)
                    + " must not set securityContext.seccompProfile.type to " + joinQuote(values)));
        }
    }

    private static Explicit explicitlyBad(CheckedPod pod) {
        TreeSet<String> values = new TreeSet<>();
        SeccompProfile podProfile = pod.podContext().getSeccompProfile();
        boolean podBad = podProfile != null && !valid(podProfile);
        if (podBad) {
            values.add(orEmpty(podProfile.getType()));
        }
        List<String> containers = new ArrayList<>();
        for (Container c : pod.containers()) {
            SeccompProfile profile = context(c).getSeccompProfile();
            if (profile != null && !valid(profile)) {
                containers.add(name(c));
                values.add(orEmpty(profile.getType()));
            }
        }
        return new Explicit(podBad, containers, values);
    }

    /**
     * Baseline before v1.19: the pod annotation and each container's annotation must be
     * {@code runtime/default}, {@code docker/default} or {@code localhost/*}. Example:
     * {@code forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined"}.
     */
    static Optional<Violation> seccompAnnotations(CheckedPod pod) {
        TreeSet<String> forbidden = new TreeSet<>();
        checkAnnotation(pod, POD_ANNOTATION, forbidden);
        for (Container c : pod.containers()) {
            checkAnnotation(pod, CONTAINER_ANNOTATION_PREFIX + name(c), forbidden);
        }
        if (forbidden.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Violation("seccompProfile",
                "forbidden " + pluralize("annotation", "annotations", forbidden.size()) + " " + String.join(", ", forbidden)));
    }

    private static void checkAnnotation(CheckedPod pod, String key, Set<String> forbidden) {
        if (!pod.annotations().containsKey(key)) {
            return;
        }
        String value = orEmpty(pod.annotations().get(key));
        if (!value.equals("runtime/default") && !value.equals("docker/default") && !value.startsWith("localhost/")) {
            forbidden.add(key + "=" + GoValues.quote(value));
        }
    }
}
