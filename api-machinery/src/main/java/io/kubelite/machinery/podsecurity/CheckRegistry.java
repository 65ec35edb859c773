package io.kubelite.machinery.podsecurity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which checks a level and version evaluate, and in which order.
 *
 * <p>Order is kube's: baseline checks sorted by ID, then restricted checks sorted by ID, byte-wise
 * (so {@code seLinuxOptions} precedes {@code seccompProfile_baseline}: 'L' sorts before 'c'). At
 * {@code restricted:latest} that is appArmorProfile, hostNamespaces, hostPorts, privileged,
 * procMount, seLinuxOptions, sysctls, windowsHostProcess, allowPrivilegeEscalation,
 * capabilities_restricted, restrictedVolumes, runAsNonRoot, runAsUser, seccompProfile_restricted;
 * capabilities_baseline, hostPathVolumes and seccompProfile_baseline are overridden there by their
 * restricted counterparts. At {@code restricted:v1.21} capabilities_restricted does not exist yet,
 * so capabilities_baseline is evaluated in its place.
 */
final class CheckRegistry {

    static final List<Check> ALL = Stream.of(HostChecks.all(), VolumeChecks.all(), PrivilegeChecks.all(),
                    ProfileChecks.all(), SeccompChecks.all(), KernelChecks.all(), UserChecks.all())
            .flatMap(List::stream)
            .sorted(Comparator.comparing(Check::id))
            .toList();

    private CheckRegistry() {
    }

    static List<Check> applicable(Level level, int minor) {
        if (level == Level.PRIVILEGED) {
            return List.of();
        }
        List<Check> baseline = at(Level.BASELINE, minor);
        if (level == Level.BASELINE) {
            return baseline;
        }
        List<Check> restricted = at(Level.RESTRICTED, minor);
        Set<String> overridden = new HashSet<>();
        restricted.forEach(c -> overridden.addAll(c.overrides()));
        List<Check> checks = new ArrayList<>();
        for (Check c : baseline) {
            if (!overridden.contains(c.id())) {
                checks.add(c);
            }
        }
        checks.addAll(restricted);
        return checks;
    }

    private static List<Check> at(Level level, int minor) {
        return ALL.stream().filter(c -> c.level() == level && c.appliesAt(minor)).toList();
    }
}
