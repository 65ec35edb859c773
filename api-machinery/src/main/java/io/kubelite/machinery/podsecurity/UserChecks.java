package io.kubelite.machinery.podsecurity;

import static io.kubelite.machinery.podsecurity.CheckedPod.context;
import static io.kubelite.machinery.podsecurity.CheckedPod.name;
import static io.kubelite.machinery.podsecurity.Wording.containers;
import static io.kubelite.machinery.podsecurity.Wording.setters;

import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Restricted checks that keep containers from running as root. (kube can relax both for pods in a
 * user namespace behind the alpha {@code UserNamespacesPodSecurityStandards} gate, off by default;
 * that relaxation is not offered.)
 */
final class UserChecks {

    private UserChecks() {
    }

    static List<Check> all() {
        return List.of(
                Check.restricted("runAsNonRoot", 0, Set.of(), UserChecks::runAsNonRoot),
                Check.restricted("runAsUser", 23, Set.of(), UserChecks::runAsUser));
    }

    /**
     * Every container must run with {@code runAsNonRoot=true}, its own or inherited from the pod.
     * An explicit {@code false} anywhere is reported first, as
     * {@code pod and container "a" must not set securityContext.runAsNonRoot=false}; only without one
     * are containers that inherit nothing reported, as
     * {@code pod or container "a" must set securityContext.runAsNonRoot=true}.
     */
    static Optional<Violation> runAsNonRoot(CheckedPod pod) {
        Boolean podValue = pod.podContext().getRunAsNonRoot();
        boolean podFalse = Boolean.FALSE.equals(podValue);
        boolean podTrue = Boolean.TRUE.equals(podValue);
        List<String> explicitlyFalse = new ArrayList<>();
        List<String> unset = new ArrayList<>();
        for (Container c : pod.containers()) {
            Boolean value = context(c).getRunAsNonRoot();
            if (value != null) {
                if (!value) {
                    explicitlyFalse.add(name(c));
                }
            } else if (!podTrue) {
                unset.add(name(c));
            }
        }
        if (podFalse || !explicitlyFalse.isEmpty()) {
            return Optional.of(new Violation("runAsNonRoot != true",
                    setters(podFalse, explicitlyFalse) + " must not set securityContext.runAsNonRoot=false"));
        }
        if (!unset.isEmpty()) {
            return Optional.of(new Violation("runAsNonRoot != true",
                    "pod or " + containers(unset) + " must set securityContext.runAsNonRoot=true"));
        }
        return Optional.empty();
    }

    /** Restricted (v1.23+): neither the pod nor a container may set {@code runAsUser=0}. */
    static Optional<Violation> runAsUser(CheckedPod pod) {
        Long podUser = pod.podContext().getRunAsUser();
        boolean podRoot = podUser != null && podUser == 0;
        List<String> root = new ArrayList<>();
        for (Container c : pod.containers()) {
            Long user = context(c).getRunAsUser();
            if (user != null && user == 0) {
                root.add(name(c));
            }
        }
        if (!podRoot && root.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Violation("runAsUser=0", setters(podRoot, root) + " must not set runAsUser=0"));
    }
}
