package io.kubelite.replication.daemonset;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NodeEligibilityTest {

    /** taint "key=value:Effect" or "-" */
    static Node node(String label, String taint) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName("n").withLabels(label.equals("-") ? Map.of()
                : Map.of(label.split("=")[0], label.split("=")[1])).endMetadata();
        if (!taint.equals("-")) {
            String[] kv = taint.split(":")[0].split("=");
            b.withNewSpec().withTaints(new TaintBuilder().withKey(kv[0]).withValue(kv.length > 1 ? kv[1] : null)
                    .withEffect(taint.split(":")[1]).build()).endSpec();
        }
        return b.build();
    }

    /** toleration "key=value:Effect", "key:Exists", "Exists" (everything) or "-" */
    static PodSpec template(String selector, String toleration) {
        PodSpecBuilder b = new PodSpecBuilder();
        if (!selector.equals("-")) {
            b.withNodeSelector(Map.of(selector.split("=")[0], selector.split("=")[1]));
        }
        if (toleration.equals("Exists")) {
            b.withTolerations(new TolerationBuilder().withOperator("Exists").build());
        } else if (toleration.endsWith(":Exists")) {
            b.withTolerations(new TolerationBuilder().withKey(toleration.split(":")[0]).withOperator("Exists").build());
        } else if (!toleration.equals("-")) {
            String[] kv = toleration.split(":")[0].split("=");
            b.withTolerations(new TolerationBuilder().withKey(kv[0]).withOperator("Equal").withValue(kv[1])
                    .withEffect(toleration.split(":")[1]).build());
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "any node when there is no selector and no taint; -; -; -; -; true",
            "a node whose labels match the nodeSelector; disk=ssd; -; disk=ssd; -; true",
            "not a node whose labels do not match; disk=hdd; -; disk=ssd; -; false",
            "not a node with a NoSchedule taint the pod does not tolerate; -; dedicated=gpu:NoSchedule; -; -; false",
            "a tainted node the pod tolerates by key and value; -; dedicated=gpu:NoSchedule; -; dedicated=gpu:NoSchedule; true",
            "a tainted node the pod tolerates by key with Exists; -; dedicated=gpu:NoExecute; -; dedicated:Exists; true",
            "a toleration with another value does not help; -; dedicated=gpu:NoSchedule; -; dedicated=cpu:NoSchedule; false",
            "an empty key with Exists tolerates everything; -; dedicated=gpu:NoSchedule; -; Exists; true",
            "PreferNoSchedule never keeps a daemon pod away; -; dedicated=gpu:PreferNoSchedule; -; -; true",
            "daemon pods tolerate an unschedulable (cordoned) node; -; node.kubernetes.io/unschedulable:NoSchedule; -; -; true",
            "daemon pods tolerate a not-ready node; -; node.kubernetes.io/not-ready:NoExecute; -; -; true"})
    void decidesWhereADaemonPodRuns(String rule, String nodeLabel, String taint, String selector, String toleration,
            boolean expected) {
        assertThat(NodeEligibility.shouldRun(template(selector, toleration), node(nodeLabel, taint))).isEqualTo(expected);
    }
}
