package io.kubelite.nodeagent.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.nodeagent.probe.ProbeManager;
import io.kubelite.nodeagent.probe.ProbeRunner;
import io.kubelite.nodeagent.runtime.ContainerLabels;
import io.kubelite.nodeagent.runtime.ContainerRuntime;
import io.kubelite.nodeagent.runtime.RuntimeContainer;
import io.kubelite.nodeagent.runtime.docker.DockerRuntime;
import io.kubelite.nodeagent.runtime.image.PauseImage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pod worker on the real Docker engine: restarts on exit, and a new worker adopts what an old one started. */
class PodSyncDockerIT {

    static final String BUSYBOX = "kubelite/busybox:it";
    static final ContainerSpecs.Owner OWNER = new ContainerSpecs.Owner("it-" + UUID.randomUUID().toString().substring(0, 8), "node-it");
    static ContainerRuntime runtime;

    @TempDir
    Path state;

    @BeforeAll
    static void engine() {
        runtime = new DockerRuntime("unix:///var/run/docker.sock");
        PauseImage.ensure(runtime, "kubelite/pause:3.10", Path.of("/bin/busybox"));
        PauseImage.ensureBusyboxImage(runtime, BUSYBOX, Path.of("/bin/busybox"), null, List.of("sh"));
    }

    @AfterAll
    static void removeEverythingThisTestStarted() throws Exception {
        for (RuntimeContainer c : runtime.list(ContainerLabels.owner(OWNER.clusterId(), OWNER.nodeName()))) {
            runtime.remove(c.id());
        }
        runtime.close();
    }

    PodSync worker(Map<ObjectKey, Pod> pods, PodSyncTest.RecordingApi api) {
        ProbeManager probes = new ProbeManager(new ProbeRunner(runtime, false), Executors.newSingleThreadScheduledExecutor(),
                PodEvents.NONE, p -> { });
        PodSync.NodeContext node = new PodSync.NodeContext(OWNER, "127.0.0.1", "kubelite/pause:3.10", PauseImage.COMMAND,
                state, Duration.ofSeconds(10), false, "cluster.local");
        PodCache cache = new PodCache() {
            @Override
            public Optional<Pod> get(ObjectKey key) {
                return Optional.ofNullable(pods.get(key));
            }

            @Override
            public List<Pod> list() {
                return List.copyOf(pods.values());
            }

            @Override
            public boolean synced() {
                return true;
            }
        };
        return new PodSync(node, runtime, cache, api, PodEvents.NONE, new PodSyncTest.NoConfig(), probes, Clock.systemUTC());
    }

    static Pod pod(String name, String... command) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withUid(UUID.randomUUID().toString())
                .endMetadata().withNewSpec().withNodeName(OWNER.nodeName()).withRestartPolicy("Always")
                .withTerminationGracePeriodSeconds(1L)
                .addNewContainer().withName("c").withImage(BUSYBOX).withCommand(command).endContainer().endSpec().build();
    }

    List<RuntimeContainer> attempts(Pod pod) {
        Map<String, String> labels = new HashMap<>(ContainerLabels.owner(OWNER.clusterId(), OWNER.nodeName()));
        labels.put(ContainerLabels.POD_UID, pod.getMetadata().getUid());
        labels.put(ContainerLabels.CONTAINER_NAME, "c");
        return runtime.list(labels);
    }

    @Test
    void aContainerThatExitsIsStartedAgainAsTheNextAttempt() {
        Pod pod = pod("exits", "sh", "-c", "exit 1");
        ObjectKey key = new ObjectKey("default", "exits");
        Map<ObjectKey, Pod> pods = new HashMap<>(Map.of(key, pod));
        PodSyncTest.RecordingApi api = new PodSyncTest.RecordingApi();
        PodSync worker = worker(pods, api);
        worker.reconcile(key);
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts(pod).stream().noneMatch(RuntimeContainer::running));
        worker.reconcile(key);
        assertThat(attempts(pod)).extracting(c -> c.label(ContainerLabels.RESTART_COUNT)).containsExactlyInAnyOrder("0", "1");
        assertThat(api.last().getContainerStatuses().get(0).getRestartCount()).isEqualTo(1);
        assertThat(api.last().getContainerStatuses().get(0).getLastState().getTerminated().getExitCode()).isEqualTo(1);
    }

    @Test
    void aRestartedWorkerAdoptsTheRunningContainersWithoutRestartingThem() {
        Pod pod = pod("steady", "sleep", "3600");
        ObjectKey key = new ObjectKey("default", "steady");
        Map<ObjectKey, Pod> pods = new HashMap<>(Map.of(key, pod));
        worker(pods, new PodSyncTest.RecordingApi()).reconcile(key);
        List<String> before = attempts(pod).stream().map(RuntimeContainer::id).toList();
        assertThat(attempts(pod)).hasSize(1).allMatch(RuntimeContainer::running);

        PodSyncTest.RecordingApi api = new PodSyncTest.RecordingApi();
        worker(pods, api).reconcile(key);
        assertThat(attempts(pod).stream().map(RuntimeContainer::id).toList()).isEqualTo(before);
        assertThat(api.last().getPhase()).isEqualTo("Running");
        assertThat(api.last().getContainerStatuses().get(0).getRestartCount()).isZero();
        assertThat(api.last().getPodIP()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
    }
}
