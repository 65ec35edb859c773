package io.kubelite.machinery.quota;

import java.util.List;
import java.util.Map;

/**
 * The object-count limits a ResourceQuota can set and the resource each counts, as
 * {@code plural} for the core group and {@code plural.group} otherwise: {@code pods} and
 * {@code count/pods} count pods, {@code count/deployments.apps} counts {@code deployments.apps}.
 * Admission (which refuses a create past a limit) and the resource quota controller (which reports
 * {@code status.used}) read the same table.
 */
public final class CountedResources {

    /** Limit name → the resource it counts. */
    public static final Map<String, String> BY_LIMIT = Map.ofEntries(
            Map.entry("pods", "pods"), Map.entry("count/pods", "pods"),
            Map.entry("services", "services"), Map.entry("count/services", "services"),
            Map.entry("configmaps", "configmaps"), Map.entry("count/configmaps", "configmaps"),
            Map.entry("secrets", "secrets"), Map.entry("count/secrets", "secrets"),
            Map.entry("replicationcontrollers", "replicationcontrollers"),
            Map.entry("count/replicationcontrollers", "replicationcontrollers"),
            Map.entry("persistentvolumeclaims", "persistentvolumeclaims"),
            Map.entry("count/persistentvolumeclaims", "persistentvolumeclaims"),
            Map.entry("count/deployments.apps", "deployments.apps"),
            Map.entry("count/replicasets.apps", "replicasets.apps"),
            Map.entry("count/daemonsets.apps", "daemonsets.apps"),
            Map.entry("count/jobs.batch", "jobs.batch"));

    private CountedResources() {
    }

    /** The limit names that count {@code resource} ({@code plural[.group]}); empty for one no limit counts. */
    public static List<String> limitsCounting(String resource) {
        return BY_LIMIT.entrySet().stream().filter(e -> e.getValue().equals(resource)).map(Map.Entry::getKey)
                .sorted().toList();
    }
}
