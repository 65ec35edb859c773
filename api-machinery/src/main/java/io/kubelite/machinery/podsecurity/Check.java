package io.kubelite.machinery.podsecurity;

import java.util.Optional;
import java.util.Set;

/**
 * One Pod Security Standards control, as kube registers it.
 *
 * @param id        kube's check ID; checks run in the byte order of their IDs, baseline before restricted
 * @param level     {@link Level#BASELINE} checks also run at restricted, {@link Level#RESTRICTED} ones only there
 * @param since     the first policy minor version the check exists in; {@code allowPrivilegeEscalation}
 *                  has 8, so {@code restricted:v1.7} does not evaluate it
 * @param overrides IDs of baseline checks this restricted check replaces once it applies; example:
 *                  {@code restrictedVolumes} reports hostPath volumes, so {@code hostPathVolumes} does not also
 * @param rule      the evaluation; it may vary with {@link CheckedPod#minor()} where kube has several revisions
 */
record Check(String id, Level level, int since, Set<String> overrides, Rule rule) {

    @FunctionalInterface
    interface Rule {
        Optional<Violation> evaluate(CheckedPod pod);
    }

    static Check baseline(String id, Rule rule) {
        return new Check(id, Level.BASELINE, 0, Set.of(), rule);
    }

    static Check restricted(String id, int since, Set<String> overrides, Rule rule) {
        return new Check(id, Level.RESTRICTED, since, overrides, rule);
    }

    boolean appliesAt(int minor) {
        return minor >= since;
    }
}
