package io.kubelite.machinery.table;

import static io.kubelite.machinery.table.TestObjects.NOW;
import static io.kubelite.machinery.table.TestObjects.ago;
import static io.kubelite.machinery.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class NodePrinterTest {

    private final TablePrinter printer = new NodePrinter();

    @Test
    void printsAReadyControlPlaneNodeWithItsWideColumns() {
        JsonNode node = json("""
                {"apiVersion":"v1","kind":"Node",
                 "metadata":{"name":"node-1","creationTimestamp":"%s",
                   "labels":{"kubernetes.io/hostname":"node-1","node-role.kubernetes.io/control-plane":"",
                             "node-role.kubernetes.io/etcd":"true"}},
                 "spec":{"podCIDR":"10.244.0.0/24"},
                 "status":{"conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"True"}],
                   "addresses":[{"type":"Hostname","address":"node-1"},{"type":"InternalIP","address":"172.18.0.2"}],
                   "nodeInfo":{"kubeletVersion":"v1.32.0","osImage":"Debian GNU/Linux 12 (bookworm)",
                     "kernelVersion":"6.1.0-18-amd64","containerRuntimeVersion":"docker://27.3.1"}}}
                """.formatted(ago(2 * 86400 + 3 * 3600)));

        assertThat(printer.columns()).extracting(Column::name).containsExactly("Name", "Status", "Roles", "Age",
                "Version", "Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime");
        assertThat(printer.cells(node, NOW)).containsExactly("node-1", "Ready", "control-plane,etcd", "2d3h",
                "v1.32.0", "172.18.0.2", "<none>", "Debian GNU/Linux 12 (bookworm)", "6.1.0-18-amd64",
                "docker://27.3.1");
    }

    @ParameterizedTest(name = "Ready={0}, unschedulable={1} prints {2}")
    @CsvSource({
            "True, false, Ready",
            "True, true, 'Ready,SchedulingDisabled'",
            "False, false, NotReady",
            "Unknown, false, NotReady",
            "False, true, 'NotReady,SchedulingDisabled'",
            "'', false, Unknown",
            "'', true, 'Unknown,SchedulingDisabled'",
    })
    void printsReadinessAndCordoning(String ready, boolean unschedulable, String expected) {
        String conditions = ready.isEmpty() ? "[]" : "[{\"type\":\"Ready\",\"status\":\"" + ready + "\"}]";
        JsonNode node = json("""
                {"metadata":{"name":"n"},"spec":{"unschedulable":%s},"status":{"conditions":%s}}
                """.formatted(unschedulable, conditions));

        assertThat(printer.cells(node, NOW).get(1)).isEqualTo(expected);
    }

    @Test
    void readsTheLegacyRoleLabelAndPrintsNoneWithoutRoles() {
        JsonNode legacy = json("""
                {"metadata":{"name":"a","labels":{"kubernetes.io/role":"worker","node-role.kubernetes.io/":"x"}}}
                """);
        JsonNode plain = json("{\"metadata\":{\"name\":\"b\",\"labels\":{\"kubernetes.io/os\":\"linux\"}}}");

        assertThat(printer.cells(legacy, NOW).get(2)).isEqualTo("worker");
        assertThat(printer.cells(plain, NOW))
                .containsExactly("b", "Unknown", "<none>", "<unknown>", "", "<none>", "<none>", "<unknown>",
                        "<unknown>", "<unknown>");
    }
}
