package io.kubelite.nodeagent.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubelite.nodeagent.runtime.ContainerRuntime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeDescriptionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final NodeDescription.Facts FACTS = new NodeDescription.Facts("node-1", Map.of("disktype", "ssd"),
            "127.0.0.1", "4", "8Gi", 110, 18086,
            new ContainerRuntime.HostInfo("linux", "Debian GNU/Linux 12", "6.1.0", "amd64", 4, 1L << 33),
            "docker://20.10.24");

    @Test
    void aNodeCarriesItsHostnameOsAndConfiguredLabelsCapacityAndAddresses() {
        Node node = NodeDescription.node(FACTS, T0);
        assertThat(node.getMetadata().getLabels()).containsEntry("kubernetes.io/hostname", "node-1")
                .containsEntry("kubernetes.io/os", "linux").containsEntry("disktype", "ssd");
        NodeStatus status = node.getStatus();
        assertThat(status.getCapacity()).containsEntry("cpu", new Quantity("4")).containsEntry("memory", new Quantity("8Gi"))
                .containsEntry("pods", new Quantity("110"));
        assertThat(status.getAllocatable()).isEqualTo(status.getCapacity());
        assertThat(status.getAddresses()).extracting(a -> a.getType() + "=" + a.getAddress())
                .containsExactly("InternalIP=127.0.0.1", "Hostname=node-1");
        assertThat(status.getDaemonEndpoints().getKubeletEndpoint().getPort()).isEqualTo(18086);
        assertThat(status.getNodeInfo().getKubeletVersion()).isEqualTo("v1.32.0-kubelite");
        assertThat(status.getNodeInfo().getContainerRuntimeVersion()).isEqualTo("docker://20.10.24");
        assertThat(status.getConditions()).extracting(c -> c.getType() + "=" + c.getStatus()).containsExactly(
                "MemoryPressure=False", "DiskPressure=False", "PIDPressure=False", "Ready=True");
    }

    @Test
    void heartbeatsMoveButTransitionsStayAndOnlyRealChangesCount() {
        NodeStatus first = NodeDescription.status(FACTS, true, T0, null);
        NodeStatus later = NodeDescription.status(FACTS, true, T0.plusSeconds(60), first);
        NodeCondition ready = later.getConditions().get(3);
        assertThat(ready.getLastHeartbeatTime()).isEqualTo("2026-01-01T00:01:00Z");
        assertThat(ready.getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(NodeDescription.changed(first, later)).isFalse();
        NodeStatus notReady = NodeDescription.status(FACTS, false, T0.plusSeconds(90), later);
        assertThat(NodeDescription.changed(later, notReady)).isTrue();
        assertThat(notReady.getConditions().get(3).getReason()).isEqualTo("KubeletNotReady");
    }
}
