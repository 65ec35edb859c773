package io.kubelite.nodeagent.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClassBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.time.ManualClock;
import io.kubelite.nodeagent.probe.ProbeManager;
import io.kubelite.nodeagent.probe.ProbeRunner;
import io.kubelite.nodeagent.runtime.ContainerLabels;
import io.kubelite.nodeagent.runtime.RuntimeContainer;
import io.kubelite.nodeagent.runtime.simulated.SimulatedRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pod worker and RuntimeClasses, on the in-memory runtime (whose only runtime is runc): a
 * pod runs on its class's handler, and one whose class is gone or names a runtime the engine lacks
 * waits in ContainerCreating with the kubelet's FailedCreatePodSandBox event.
 */
class PodSyncRuntimeClassTest {

    static final ObjectKey KEY = new ObjectKey("default", "web");

    @TempDir
    Path state;
    ManualClock clock;
    SimulatedRuntime runtime;
    Map<String, RuntimeClass> classes;
    List<String> events;
    PodSyncTest.RecordingApi api;
    Pod pod;

    @BeforeEach
    void setUp() {
        clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        runtime = new SimulatedRuntime(clock);
        classes = new HashMap<>();
        events = new ArrayList<>();
        api = new PodSyncTest.RecordingApi();
    }

    PodSync worker() {
        ProbeManager probes = new ProbeManager(new ProbeRunner(runtime, true), Executors.newSingleThreadScheduledExecutor(),
                PodEvents.NONE, p -> { });
        PodSync.NodeContext node = new PodSync.NodeContext(PodSyncTest.OWNER, "127.0.0.1", "kubelite/pause:3.10",
                List.of("/bin/sleep", "1"), state, Duration.ofSeconds(10), false, "cluster.local");
        PodCache cache = new PodCache() {
            @Override
            public Optional<Pod> get(ObjectKey key) {
                return Optional.ofNullable(pod);
            }

            @Override
            public List<Pod> list() {
                return pod == null ? List.of() : List.of(pod);
            }

            @Override
            public boolean synced() {
                return true;
            }
        };
        PodEvents recorded = new PodEvents() {
            @Override
            public void normal(Pod pod, String fieldPath, String reason, String message) {
            }

            @Override
            public void warning(Pod pod, String fieldPath, String reason, String message) {
                events.add(reason + ": " + message);
            }
        };
        return new PodSync(node, runtime, cache, api, recorded, new Classes(), probes, clock);
    }

    static RuntimeClass runtimeClass(String name, String handler) {
        return new RuntimeClassBuilder().withNewMetadata().withName(name).endMetadata().withHandler(handler).build();
    }

    static Pod pod(String runtimeClassName) {
        Pod pod = PodSyncTest.pod("Always");
        pod.getSpec().setRuntimeClassName(runtimeClassName);
        return pod;
    }

    List<RuntimeContainer> containers(String name) {
        return runtime.list(Map.of(ContainerLabels.CONTAINER_NAME, name));
    }

    @Test
    void everyContainerOfThePodRunsOnItsClassesHandler() {
        classes.put("runc", runtimeClass("runc", "runc"));
        pod = pod("runc");

        worker().reconcile(KEY);

        assertThat(containers(ContainerLabels.SANDBOX)).singleElement().satisfies(c -> {
            assertThat(c.running()).isTrue();
            assertThat(runtime.spec(c.id()).runtimeHandler()).isEqualTo("runc");
        });
        assertThat(containers("c")).singleElement().satisfies(c ->
                assertThat(runtime.spec(c.id()).runtimeHandler()).as("the app container takes the pause container's").isEqualTo("runc"));
        assertThat(api.last().getPhase()).isEqualTo("Running");
        assertThat(events).isEmpty();
    }

    @Test
    void aPodWithoutClassRunsOnTheEnginesDefault() {
        pod = pod(null);

        worker().reconcile(KEY);

        assertThat(containers("c")).singleElement().satisfies(c -> {
            assertThat(runtime.spec(c.id()).runtimeHandler()).isNull();
            assertThat(c.label(ContainerLabels.RUNTIME_HANDLER)).isEmpty();
        });
    }

    @Test
    void aHandlerTheEngineLacksLeavesThePodCreatingWithTheKubeletsEvent() {
        classes.put("kata", runtimeClass("kata", "kata"));
        pod = pod("kata");

        worker().reconcile(KEY);

        assertThat(runtime.list(Map.of())).as("no container is made").isEmpty();
        assertThat(events).containsExactly("FailedCreatePodSandBox: Failed to create pod sandbox: rpc error: code = Unknown "
                + "desc = failed to get sandbox runtime: no runtime for \"kata\" is configured");
        assertThat(api.last().getPhase()).isEqualTo("Pending");
        assertThat(api.last().getContainerStatuses().get(0).getState().getWaiting().getReason()).isEqualTo("ContainerCreating");
    }

    @Test
    void aClassDeletedAfterAdmissionIsNotFoundWhenTheSandboxIsMadeAndTheNextSyncTriesAgain() {
        pod = pod("late");
        PodSync worker = worker();

        worker.reconcile(KEY);

        assertThat(events).containsExactly(
                "FailedCreatePodSandBox: Failed to create pod sandbox: runtimeclass.node.k8s.io \"late\" not found");
        assertThat(runtime.list(Map.of())).isEmpty();

        classes.put("late", runtimeClass("late", "runc"));
        worker.reconcile(KEY);

        assertThat(containers("c")).singleElement().satisfies(c -> assertThat(c.running()).isTrue());
    }

    @Test
    void aRunningPodKeepsItsHandlerWhenItsClassIsDeleted() {
        classes.put("runc", runtimeClass("runc", "runc"));
        pod = pod("runc");
        PodSync worker = worker();
        worker.reconcile(KEY);
        classes.clear();
        RuntimeContainer app = containers("c").get(0);
        runtime.stop(app.id(), Duration.ZERO);
        clock.advance(Duration.ofMinutes(1));

        worker.reconcile(KEY);

        assertThat(containers("c")).hasSize(2).allSatisfy(c ->
                assertThat(runtime.spec(c.id()).runtimeHandler()).as("the restart runs in the same sandbox").isEqualTo("runc"));
        assertThat(events).isEmpty();
    }

    final class Classes extends PodSyncTest.NoConfig {
        @Override
        public Optional<RuntimeClass> runtimeClass(String name) {
            return Optional.ofNullable(classes.get(name));
        }
    }
}
