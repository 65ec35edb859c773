package io.kubelite.machinery.podsecurity;

import static io.kubelite.machinery.podsecurity.CheckedPod.context;
import static io.kubelite.machinery.podsecurity.CheckedPod.name;
import static io.kubelite.machinery.podsecurity.CheckedPod.orEmpty;
import static io.kubelite.machinery.podsecurity.Wording.joinQuote;
import static io.kubelite.machinery.podsecurity.Wording.pluralize;
import static io.kubelite.machinery.podsecurity.Wording.setters;

import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.kubelite.machinery.validation.GoValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Baseline checks on the Linux security modules a pod may opt out of: AppArmor and SELinux. */
final class ProfileChecks {

    static final String APPARMOR_ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

    /** SELinux types baseline allows before v1.31; {@code ""} is the runtime's default. */
    static final Set<String> SELINUX_TYPES = Set.of("", "container_t", "container_init_t", "container_kvm_t");

    /** v1.31 also allows {@code container_engine_t}, for container engines run inside a pod. */
    static final Set<String> SELINUX_TYPES_1_31 = Set.of("", "container_t", "container_init_t", "container_kvm_t",
            "container_engine_t");

    private ProfileChecks() {
    }

    static List<Check> all() {
        return List.of(
                Check.baseline("appArmorProfile", ProfileChecks::appArmorProfile),
                Check.baseline("seLinuxOptions", ProfileChecks::seLinuxOptions));
    }

    /**
     * AppArmor must not be disabled: the {@code appArmorProfile.type} of the pod and of every
     * container is unset, {@code RuntimeDefault} or {@code Localhost}, and every deprecated
     * {@code container.apparmor.security.beta.kubernetes.io/*} annotation is empty,
     * {@code runtime/default} or {@code localhost/*}. Field values come first (sorted), then the
     * annotations (sorted, as {@code key="value"}); the reason is plural when more than one value is listed:
     * {@code forbidden AppArmor profiles (pod and annotation must not set AppArmor profile type to
     * "Unconfined", "container.apparmor.security.beta.kubernetes.io/app="unconfined"")}.
     */
    static Optional<Violation> appArmorProfile(CheckedPod pod) {
        TreeSet<String> badValues = new TreeSet<>();
        AppArmorProfile podProfile = pod.podContext().getAppArmorProfile();
        boolean podSets = podProfile != null && !allowedAppArmorType(podProfile.getType());
        if (podSets) {
            badValues.add(orEmpty(podProfile.getType()));
        }
        List<String> badContainers = new ArrayList<>();
        for (Container c : pod.containers()) {
            AppArmorProfile profile = context(c).getAppArmorProfile();
            if (profile != null && !allowedAppArmorType(profile.getType())) {
                badContainers.add(name(c));
                badValues.add(orEmpty(profile.getType()));
            }
        }
        TreeSet<String> annotations = new TreeSet<>();
        for (Map.Entry<String, String> a : pod.annotations().entrySet()) {
            if (a.getKey().startsWith(APPARMOR_ANNOTATION_PREFIX) && !allowedAppArmorAnnotation(orEmpty(a.getValue()))) {
                annotations.add(a.getKey() + "=" + GoValues.quote(orEmpty(a.getValue())));
            }
        }
        List<String> setters = new ArrayList<>();
        if (podSets || !badContainers.isEmpty()) {
            setters.add(setters(podSets, badContainers));
        }
        List<String> values = new ArrayList<>(badValues);
        if (!annotations.isEmpty()) {
            values.addAll(annotations);
            setters.add(pluralize("annotation", "annotations", annotations.size()));
        }
        if (setters.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Violation(
                pluralize("forbidden AppArmor profile", "forbidden AppArmor profiles", values.size()),
                String.join(" and ", setters) + " must not set AppArmor profile type to " + joinQuote(values)));
    }

    private static boolean allowedAppArmorType(String type) {
        return "RuntimeDefault".equals(type) || "Localhost".equals(type);
    }

    private static boolean allowedAppArmorAnnotation(String value) {
        return value.isEmpty() || value.equals("runtime/default") || value.startsWith("localhost/");
    }

    /**
     * {@code seLinuxOptions} may set only an allowed type, never a user or role. Example:
     * {@code pod and container "b" set forbidden securityContext.seLinuxOptions: type "spc_t"; user may not be set}.
     */
    static Optional<Violation> seLinuxOptions(CheckedPod pod) {
        Set<String> allowedTypes = pod.minor() >= 31 ? SELINUX_TYPES_1_31 : SELINUX_TYPES;
        SeLinuxFindings found = new SeLinuxFindings(allowedTypes);
        boolean podSets = found.invalid(pod.podContext().getSeLinuxOptions());
        List<String> badContainers = new ArrayList<>();
        for (Container c : pod.containers()) {
            if (found.invalid(context(c).getSeLinuxOptions())) {
                badContainers.add(name(c));
            }
        }
        if (!podSets && badContainers.isEmpty()) {
            return Optional.empty();
        }
        List<String> data = new ArrayList<>();
        if (!found.types.isEmpty()) {
            data.add(pluralize("type", "types", found.types.size()) + " " + joinQuote(found.types));
        }
        if (found.user) {
            data.add("user may not be set");
        }
        if (found.role) {
            data.add("role may not be set");
        }
        return Optional.of(new Violation("seLinuxOptions", setters(podSets, badContainers)
                + " set forbidden securityContext.seLinuxOptions: " + String.join("; ", data)));
    }

    /** What the pod and its containers set wrongly, gathered across all of them. */
    private static final class SeLinuxFindings {
        private final Set<String> allowedTypes;
        private final TreeSet<String> types = new TreeSet<>();
        private boolean user;
        private boolean role;

        SeLinuxFindings(Set<String> allowedTypes) {
            this.allowedTypes = allowedTypes;
        }

        boolean invalid(SELinuxOptions options) {
            if (options == null) {
                return false;
            }
            boolean invalid = false;
            if (!allowedTypes.contains(orEmpty(options.getType()))) {
                types.add(orEmpty(options.getType()));
                invalid = true;
            }
            if (!orEmpty(options.getUser()).isEmpty()) {
                user = true;
                invalid = true;
            }
            if (!orEmpty(options.getRole()).isEmpty()) {
                role = true;
                invalid = true;
            }
            return invalid;
        }
    }
}
