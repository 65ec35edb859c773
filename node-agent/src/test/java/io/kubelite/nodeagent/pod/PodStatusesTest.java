package io.kubelite.nodeagent.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubelite.nodeagent.runtime.RuntimeContainer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodStatusesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static RuntimeContainer running(String id) {
        return new RuntimeContainer(id, id, Map.of(), "busybox", "sha256:1", RuntimeContainer.State.RUNNING, 0,
                T0, T0.plusSeconds(1), Instant.EPOCH, false, "", "");
    }

    static RuntimeContainer exited(String id, int code) {
        return new RuntimeContainer(id, id, Map.of(), "busybox", "sha256:1", RuntimeContainer.State.EXITED, code,
                T0, T0.plusSeconds(1), T0.plusSeconds(5), false, "", "");
    }

    static ContainerObservation obs(RuntimeContainer current, RuntimeContainer previous, String waiting, boolean ready) {
        return new ContainerObservation("c", "busybox", current, previous, previous == null ? 0 : 1, waiting, null, ready, true);
    }

    static Stream<Arguments> phases() {
        return Stream.of(
                Arguments.of("not created yet", "Always", List.of(obs(null, null, null, false)), "Pending"),
                Arguments.of("image pull failing", "Always", List.of(obs(null, null, "ErrImagePull", false)), "Pending"),
                Arguments.of("running", "Always", List.of(obs(running("a"), null, null, true)), "Running"),
                Arguments.of("one running, one not yet started", "Always",
                        List.of(obs(running("a"), null, null, true), obs(null, null, null, false)), "Pending"),
                Arguments.of("crash looping under Always", "Always",
                        List.of(obs(exited("a", 1), null, "CrashLoopBackOff", false)), "Running"),
                Arguments.of("exit 0 under Never", "Never", List.of(obs(exited("a", 0), null, null, false)), "Succeeded"),
                Arguments.of("exit 1 under Never", "Never", List.of(obs(exited("a", 1), null, null, false)), "Failed"),
                Arguments.of("exit 0 under OnFailure", "OnFailure", List.of(obs(exited("a", 0), null, null, false)),
                        "Succeeded"),
                Arguments.of("exit 1 under OnFailure waits to restart", "OnFailure",
                        List.of(obs(exited("a", 1), null, "CrashLoopBackOff", false)), "Running"),
                Arguments.of("one succeeded, one failed under Never", "Never",
                        List.of(obs(exited("a", 0), null, null, false), obs(exited("b", 2), null, null, false)), "Failed"));
    }

    @ParameterizedTest(name = "{0} → {3}")
    @MethodSource("phases")
    void phaseFollowsKubernetesRules(String name, String restartPolicy, List<ContainerObservation> containers,
            String phase) {
        List<ContainerStatus> statuses = new ArrayList<>();
        containers.forEach(c -> statuses.add(PodStatuses.containerStatus(c)));
        assertThat(PodStatuses.phase(restartPolicy, statuses)).isEqualTo(phase);
    }

    @Test
    void aRunningReadyPodHasItsIpReadyConditionsAndDockerIds() {
        Pod pod = ContainerSpecsTest.pod(container());
        pod.getSpec().setRestartPolicy("Always");
        PodStatus status = PodStatuses.compute(pod, "172.17.0.5", "127.0.0.1",
                List.of(new ContainerObservation("c", "busybox", running("abc"), null, 0, null, null, true, true)), T0);
        assertThat(status.getPhase()).isEqualTo("Running");
        assertThat(status.getPodIP()).isEqualTo("172.17.0.5");
        assertThat(status.getHostIP()).isEqualTo("127.0.0.1");
        assertThat(status.getQosClass()).isEqualTo("BestEffort");
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
        assertThat(condition(status, "PodScheduled").getStatus()).isEqualTo("True");
        ContainerStatus c = status.getContainerStatuses().get(0);
        assertThat(c.getContainerID()).isEqualTo("docker://abc");
        assertThat(c.getImageID()).isEqualTo("docker://sha256:1");
        assertThat(c.getState().getRunning().getStartedAt()).isEqualTo("2026-01-01T00:00:01Z");
        assertThat(c.getReady()).isTrue();
    }

    @Test
    void aCrashLoopingContainerWaitsWithItsLastExitAsLastState() {
        ContainerStatus s = PodStatuses.containerStatus(new ContainerObservation("c", "busybox", exited("x", 1),
                exited("w", 1), 2, "CrashLoopBackOff", "back-off 20s restarting failed container=c pod=p_ns(uid-1)",
                false, false));
        assertThat(s.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(s.getLastState().getTerminated().getExitCode()).isEqualTo(1);
        assertThat(s.getLastState().getTerminated().getReason()).isEqualTo("Error");
        assertThat(s.getLastState().getTerminated().getContainerID()).isEqualTo("docker://x");
        assertThat(s.getRestartCount()).isEqualTo(2);
        assertThat(s.getReady()).isFalse();
    }

    @Test
    void anUnreadyContainerMakesThePodNotReadyAndNamesIt() {
        Pod pod = ContainerSpecsTest.pod(container());
        PodStatus status = PodStatuses.compute(pod, "172.17.0.5", "127.0.0.1",
                List.of(new ContainerObservation("c", "busybox", running("abc"), null, 0, null, null, false, true)), T0);
        PodCondition ready = condition(status, "Ready");
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("ContainersNotReady");
        assertThat(ready.getMessage()).isEqualTo("containers with unready status: [c]");
    }

    @Test
    void conditionsKeepTheirTransitionTimeWhileUnchanged() {
        Pod pod = ContainerSpecsTest.pod(container());
        List<ContainerObservation> obs = List.of(new ContainerObservation("c", "busybox", running("abc"), null, 0, null,
                null, true, true));
        pod.setStatus(PodStatuses.compute(pod, "172.17.0.5", "127.0.0.1", obs, T0));
        PodStatus later = PodStatuses.compute(pod, "172.17.0.5", "127.0.0.1", obs, T0.plusSeconds(60));
        assertThat(condition(later, "Ready").getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(later.getStartTime()).isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void aFinishedPodNeverLeavesItsTerminalPhase() {
        Pod pod = ContainerSpecsTest.pod(container());
        pod.getSpec().setRestartPolicy("Never");
        pod.setStatus(new PodStatus());
        pod.getStatus().setPhase("Failed");
        PodStatus status = PodStatuses.compute(pod, "", "127.0.0.1",
                List.of(new ContainerObservation("c", "busybox", null, null, 0, null, null, false, false)), T0);
        assertThat(status.getPhase()).isEqualTo("Failed");
        assertThat(condition(status, "Ready").getReason()).isEqualTo("PodCompleted");
    }

    @Test
    void oomKilledIsTheReasonWhenTheKernelKilledForMemory() {
        RuntimeContainer oom = new RuntimeContainer("x", "x", Map.of(), "i", "", RuntimeContainer.State.EXITED, 137,
                T0, T0, T0, true, "", "");
        assertThat(PodStatuses.terminatedReason(oom)).isEqualTo("OOMKilled");
        assertThat(PodStatuses.terminatedReason(exited("y", 0))).isEqualTo("Completed");
        assertThat(PodStatuses.terminatedReason(exited("z", 3))).isEqualTo("Error");
    }

    private static Container container() {
        return new ContainerBuilder().withName("c").withImage("busybox").build();
    }

    private static PodCondition condition(PodStatus status, String type) {
        return status.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }
}
