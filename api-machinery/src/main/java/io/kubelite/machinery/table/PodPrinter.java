package io.kubelite.machinery.table;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** {@code kubectl get pods}: NAME READY STATUS RESTARTS AGE | IP NODE NOMINATED NODE READINESS GATES. */
final class PodPrinter implements TablePrinter {

    private static final List<Column> COLUMNS = List.of(
            Columns.NAME,
            Columns.of("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
            Columns.of("Status", "string", "The aggregate status of the containers in this pod."),
            Columns.of("Restarts", "string", "The number of times the containers in this pod have been"
                    + " restarted and when the last container in this pod has restarted."),
            Columns.AGE,
            Columns.wide("IP", "string", "podIP address allocated to the pod. Routable at least within"
                    + " the cluster. Empty if not yet allocated."),
            Columns.wide("Node", "string", "NodeName indicates in which node this pod is scheduled."),
            Columns.wide("Nominated Node", "string", "nominatedNodeName is set only when this pod"
                    + " preempts other pods on the node."),
            Columns.wide("Readiness Gates", "string", "If specified, all readiness gates will be"
                    + " evaluated for pod readiness."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode pod, Instant now) {
        PodSummary summary = PodSummary.of(pod);
        return List.of(
                Fields.name(pod),
                summary.ready() + "/" + summary.total(),
                summary.status(),
                summary.restartsCell(now),
                Fields.age(pod, now),
                Fields.orElse(podIp(pod), "<none>"),
                Fields.orElse(Fields.text(pod, "spec", "nodeName"), "<none>"),
                Fields.orElse(Fields.text(pod, "status", "nominatedNodeName"), "<none>"),
                readinessGates(pod));
    }

    /** The first of {@code status.podIPs}; {@code status.podIP} when only that is set. */
    private static String podIp(JsonNode pod) {
        List<JsonNode> podIps = Fields.list(pod, "status", "podIPs");
        if (!podIps.isEmpty()) {
            return Fields.text(podIps.get(0), "ip");
        }
        return Fields.text(pod, "status", "podIP");
    }

    /** {@code 1/2}: how many of the pod's readiness gates have a True condition. */
    private static String readinessGates(JsonNode pod) {
        List<JsonNode> gates = Fields.list(pod, "spec", "readinessGates");
        if (gates.isEmpty()) {
            return "<none>";
        }
        long passing = gates.stream()
                .filter(gate -> Fields.conditionTrue(pod.path("status"), Fields.text(gate, "conditionType")))
                .count();
        return passing + "/" + gates.size();
    }
}
