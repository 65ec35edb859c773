package io.kubelite.objectstore.discovery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The APIServices kube-aggregator keeps, one per group version the API answers: {@code v1.} for
 * the core group, {@code v1.apps}, … (label {@code kube-aggregator.kubernetes.io/automanaged:
 * onstart}), one per version of a CustomResourceDefinition's group ({@code automanaged: true}),
 * all served by this API server itself ({@code Local}, always Available); and
 * {@code v1beta1.metrics.k8s.io}, the metrics API, which autoscaler-service serves behind the
 * gateway as metrics-server would behind kube-apiserver, Available while that service answers.
 *
 * <p>Priorities are kube-apiserver's own for the built-in groups (the core group 18000, apps
 * 17800, … a CustomResourceDefinition's group 1000), so that a client ordering groups by them
 * orders these as it would a cluster's.
 */
final class ApiServices {

    static final String METRICS = "v1beta1.metrics.k8s.io";
    static final String AUTOMANAGED = "kube-aggregator.kubernetes.io/automanaged";

    /** kube-apiserver's {@code apiVersionPriorities}: group priority minimum, version priority. */
    private static final Map<String, int[]> PRIORITIES = Map.ofEntries(
            Map.entry("v1", new int[] {18000, 1}),
            Map.entry("extensions/v1beta1", new int[] {17900, 1}),
            Map.entry("events.k8s.io/v1", new int[] {17750, 15}),
            Map.entry("apps/v1", new int[] {17800, 15}),
            Map.entry("authentication.k8s.io/v1", new int[] {17700, 15}),
            Map.entry("authorization.k8s.io/v1", new int[] {17600, 15}),
            Map.entry("autoscaling/v1", new int[] {17500, 15}),
            Map.entry("autoscaling/v2", new int[] {17500, 30}),
            Map.entry("batch/v1", new int[] {17400, 15}),
            Map.entry("certificates.k8s.io/v1", new int[] {17300, 15}),
            Map.entry("networking.k8s.io/v1", new int[] {17200, 15}),
            Map.entry("policy/v1", new int[] {17100, 15}),
            Map.entry("rbac.authorization.k8s.io/v1", new int[] {17000, 15}),
            Map.entry("storage.k8s.io/v1", new int[] {16800, 15}),
            Map.entry("apiextensions.k8s.io/v1", new int[] {16700, 15}),
            Map.entry("admissionregistration.k8s.io/v1", new int[] {16700, 15}),
            Map.entry("scheduling.k8s.io/v1", new int[] {16600, 15}),
            Map.entry("coordination.k8s.io/v1", new int[] {16500, 15}),
            Map.entry("node.k8s.io/v1", new int[] {16300, 15}),
            Map.entry("discovery.k8s.io/v1", new int[] {16200, 15}),
            Map.entry("apiregistration.k8s.io/v1", new int[] {18000, 15}));

    /** A group version and when its APIService came to be. */
    record Served(String groupVersion, boolean custom, Instant since) {
    }

    private final JsonMapper json;

    ApiServices(JsonMapper json) {
        this.json = json;
    }

    /**
     * Every APIService, sorted by name as a list from kube-apiserver is; {@code metricsProblem}
     * is null while the metrics API answers, else what its probe said, and
     * {@code metricsTransition} when that last changed.
     */
    List<ObjectNode> all(List<Served> served, Instant metricsSince, String metricsProblem, Instant metricsTransition) {
        List<ObjectNode> items = new ArrayList<>();
        for (Served s : served) {
            items.add(local(s));
        }
        items.add(metrics(metricsSince, metricsProblem, metricsTransition));
        items.sort(java.util.Comparator.comparing(o -> o.path("metadata").path("name").asString("")));
        return items;
    }

    /** {@code v1.apps} for apps/v1, {@code v1.} for the core group's v1. */
    static String name(String groupVersion) {
        int slash = groupVersion.indexOf('/');
        return slash < 0 ? groupVersion + "." : groupVersion.substring(slash + 1) + "." + groupVersion.substring(0, slash);
    }

    private ObjectNode local(Served s) {
        int slash = s.groupVersion().indexOf('/');
        String group = slash < 0 ? "" : s.groupVersion().substring(0, slash);
        String version = s.groupVersion().substring(slash + 1);
        int[] priority = PRIORITIES.getOrDefault(s.groupVersion(), new int[] {1000, 100});
        ObjectNode o = object(name(s.groupVersion()), s.since(), s.custom() ? "true" : "onstart");
        ObjectNode spec = o.putObject("spec");
        spec.put("group", group);
        spec.put("version", version);
        spec.put("groupPriorityMinimum", priority[0]);
        spec.put("versionPriority", priority[1]);
        available(o, s.since(), "True", "Local", "Local APIServices are always available");
        return o;
    }

    private ObjectNode metrics(Instant since, String problem, Instant transition) {
        ObjectNode o = object(METRICS, since, null);
        o.path("metadata").withObject("labels").put("k8s-app", "metrics-server");
        ObjectNode spec = o.putObject("spec");
        ObjectNode service = spec.putObject("service");
        service.put("namespace", "kube-system");
        service.put("name", "autoscaler-service");
        service.put("port", 443);
        spec.put("group", "metrics.k8s.io");
        spec.put("version", "v1beta1");
        spec.put("insecureSkipTLSVerify", true);
        spec.put("groupPriorityMinimum", 100);
        spec.put("versionPriority", 100);
        if (problem == null) {
            available(o, transition, "True", "Passed", "all checks passed");
        } else {
            available(o, transition, "False", "FailedDiscoveryCheck", "failing or missing response from the metrics API "
                    + "(autoscaler-service): " + problem);
        }
        return o;
    }

    private ObjectNode object(String name, Instant since, String automanaged) {
        ObjectNode o = json.createObjectNode();
        o.put("kind", "APIService");
        o.put("apiVersion", "apiregistration.k8s.io/v1");
        ObjectNode metadata = o.putObject("metadata");
        metadata.put("name", name);
        metadata.put("uid", UUID.nameUUIDFromBytes(("apiservice/" + name).getBytes(StandardCharsets.UTF_8)).toString());
        metadata.put("creationTimestamp", since.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        if (automanaged != null) {
            metadata.putObject("labels").put(AUTOMANAGED, automanaged);
        }
        return o;
    }

    private static void available(ObjectNode o, Instant at, String status, String reason, String message) {
        ObjectNode condition = o.putObject("status").putArray("conditions").addObject();
        condition.put("type", "Available");
        condition.put("status", status);
        condition.put("lastTransitionTime", at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        condition.put("reason", reason);
        condition.put("message", message);
    }
}
