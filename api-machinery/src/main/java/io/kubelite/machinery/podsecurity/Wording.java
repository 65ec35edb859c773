package io.kubelite.machinery.podsecurity;

import java.util.Collection;
import java.util.List;

/** The phrasing kube's checks share, so every detail reads alike. */
final class Wording {

    private Wording() {
    }

    /** {@code "a", "b"}: each item in double quotes, verbatim; empty for no items. */
    static String joinQuote(Collection<String> items) {
        return items.isEmpty() ? "" : "\"" + String.join("\", \"", items) + "\"";
    }

    static String pluralize(String singular, String plural, int count) {
        return count == 1 ? singular : plural;
    }

    /** {@code container "a"} or {@code containers "a", "b"}. */
    static String containers(List<String> names) {
        return pluralize("container", "containers", names.size()) + " " + joinQuote(names);
    }

    /**
     * Who set a forbidden value: {@code pod}, {@code containers "a", "b"}, or
     * {@code pod and containers "a", "b"}.
     */
    static String setters(boolean pod, List<String> containers) {
        if (containers.isEmpty()) {
            return pod ? "pod" : "";
        }
        return (pod ? "pod and " : "") + containers(containers);
    }
}
