package io.kubelite.machinery.podsecurity;

import java.util.Optional;

/**
 * The three Pod Security Standards profiles, from least to most strict. A namespace names one in
 * the value of a {@code pod-security.kubernetes.io/<mode>} label.
 */
public enum Level {
    /** Unrestricted: no check is evaluated. */
    PRIVILEGED("privileged"),
    /** Prevents known privilege escalations: host namespaces, privileged containers, hostPath volumes, … */
    BASELINE("baseline"),
    /** Everything baseline checks, plus current hardening practice: non-root, drop ALL, seccomp, … */
    RESTRICTED("restricted");

    private final String label;

    Level(String label) {
        this.label = label;
    }

    /** The value as written in a namespace label, e.g. {@code restricted}. */
    public String label() {
        return label;
    }

    /**
     * The level a label value names. Matching is exact, as kube's {@code ParseLevel} does it:
     * {@code Restricted} and {@code " restricted"} name no level.
     */
    public static Optional<Level> fromLabel(String value) {
        for (Level level : values()) {
            if (level.label.equals(value)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return label;
    }
}
