package io.kubelite.machinery.table;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * {@code kubectl get nodes}: NAME STATUS ROLES AGE VERSION | INTERNAL-IP EXTERNAL-IP OS-IMAGE
 * KERNEL-VERSION CONTAINER-RUNTIME.
 */
final class NodePrinter implements TablePrinter {

    private static final String ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";
    private static final String LEGACY_ROLE_LABEL = "kubernetes.io/role";

    private static final List<Column> COLUMNS = List.of(
            Columns.NAME,
            Columns.of("Status", "string", "The status of the node"),
            Columns.of("Roles", "string", "The roles of the node"),
            Columns.AGE,
            Columns.of("Version", "string", "Kubelet Version reported by the node."),
            Columns.wide("Internal-IP", "string", "List of addresses reachable to the node."),
            Columns.wide("External-IP", "string", "List of addresses reachable to the node."),
            Columns.wide("OS-Image", "string", "OS Image reported by the node from /etc/os-release"
                    + " (e.g. Debian GNU/Linux 7 (wheezy))."),
            Columns.wide("Kernel-Version", "string", "Kernel Version reported by the node from"
                    + " 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
            Columns.wide("Container-Runtime", "string", "ContainerRuntime Version reported by the node"
                    + " through runtime remote API (e.g. containerd://1.4.2)."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode node, Instant now) {
        JsonNode info = node.path("status").path("nodeInfo");
        return List.of(
                Fields.name(node),
                status(node),
                Fields.orElse(String.join(",", roles(node)), "<none>"),
                Fields.age(node, now),
                Fields.text(info, "kubeletVersion"),
                address(node, "InternalIP"),
                address(node, "ExternalIP"),
                Fields.orElse(Fields.text(info, "osImage"), "<unknown>"),
                Fields.orElse(Fields.text(info, "kernelVersion"), "<unknown>"),
                Fields.orElse(Fields.text(info, "containerRuntimeVersion"), "<unknown>"));
    }

    /**
     * {@code Ready} or {@code NotReady} from the Ready condition (False and Unknown both print
     * NotReady), {@code Unknown} without one; {@code ,SchedulingDisabled} when cordoned.
     */
    private static String status(JsonNode node) {
        String status = "Unknown";
        for (JsonNode condition : Fields.list(node, "status", "conditions")) {
            if ("Ready".equals(Fields.text(condition, "type"))) {
                status = "True".equals(Fields.text(condition, "status")) ? "Ready" : "NotReady";
            }
        }
        boolean unschedulable = node.path("spec").path("unschedulable").asBoolean(false);
        return unschedulable ? status + ",SchedulingDisabled" : status;
    }

    /** Sorted roles from {@code node-role.kubernetes.io/<role>} keys and the {@code kubernetes.io/role} value. */
    private static TreeSet<String> roles(JsonNode node) {
        TreeSet<String> roles = new TreeSet<>();
        JsonNode labels = node.path("metadata").path("labels");
        if (labels.isObject()) {
            labels.properties().forEach(label -> {
                String key = label.getKey();
                String value = label.getValue().asString("");
                if (key.startsWith(ROLE_LABEL_PREFIX) && key.length() > ROLE_LABEL_PREFIX.length()) {
                    roles.add(key.substring(ROLE_LABEL_PREFIX.length()));
                } else if (LEGACY_ROLE_LABEL.equals(key) && !value.isEmpty()) {
                    roles.add(value);
                }
            });
        }
        return roles;
    }

    private static String address(JsonNode node, String type) {
        for (JsonNode address : Fields.list(node, "status", "addresses")) {
            if (type.equals(Fields.text(address, "type"))) {
                return Fields.text(address, "address");
            }
        }
        return "<none>";
    }
}
