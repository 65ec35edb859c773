package io.kubelite.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubelite.controller.informer.ChangeEvent;
import io.kubelite.controller.informer.WatchEventDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * How long an informer takes to decode one pod change event from Kafka: the relay's WatchEvent
 * JSON of a scheduled, running pod (about 1.6 KB, as the replication benchmark's pods), read
 * in one pass by {@link WatchEventDecoder} beside the former way (a JSON tree first, then
 * converted to the typed pod), in one run.
 *
 * <pre>
 * ./mvnw -q -pl bench -am package -DskipTests
 * java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" org.openjdk.jmh.Main WatchEventDecodeBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WatchEventDecodeBenchmark {

    static final String POD_EVENT = """
            {"type":"MODIFIED","object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-77fc6458f8-x2k9q",
            "generateName":"web-77fc6458f8-","namespace":"bench-replication","uid":"0b6f0a0e-5d0c-4a43-9d3c-0c2f6b1f7e11",
            "resourceVersion":"123456","generation":1,"creationTimestamp":"2026-11-25T22:00:00Z",
            "labels":{"app":"web","pod-template-hash":"77fc6458f8"},
            "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-77fc6458f8",
            "uid":"6f1d2e3c-1b2a-4c5d-8e9f-0a1b2c3d4e5f","controller":true,"blockOwnerDeletion":true}]},
            "spec":{"containers":[{"name":"web","image":"bench:v1","imagePullPolicy":"IfNotPresent",
            "resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],
            "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst",
            "nodeSelector":{"kubelite.io/simulated":"true"},"serviceAccountName":"default","schedulerName":"default-scheduler",
            "securityContext":{},"enableServiceLinks":true,"preemptionPolicy":"PreemptLowerPriority","priority":0,
            "tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300},
            {"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}]},
            "status":{"phase":"Running","qosClass":"BestEffort","startTime":"2026-11-25T22:00:01Z",
            "conditions":[{"type":"PodScheduled","status":"False","lastProbeTime":null,
            "lastTransitionTime":"2026-11-25T22:00:00Z","reason":"Unschedulable",
            "message":"0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector."},
            {"type":"Ready","status":"True","lastTransitionTime":"2026-11-25T22:00:01Z"}]}}}""";

    private static final Instant AT = Instant.parse("2026-11-25T22:00:00Z");

    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final WatchEventDecoder<Pod> decoder = new WatchEventDecoder<>(Pod.class, serialization);

    @Benchmark
    public ChangeEvent<Pod> onePass() {
        return decoder.decode(POD_EVENT, AT);
    }

    @Benchmark
    public ChangeEvent<Pod> treeThenTyped() {
        JsonNode node = serialization.unmarshal(POD_EVENT, JsonNode.class);
        ChangeEvent.Type type = ChangeEvent.Type.valueOf(node.get("type").asString());
        return new ChangeEvent<>(type, serialization.convertValue(node.get("object"), Pod.class), AT);
    }
}
