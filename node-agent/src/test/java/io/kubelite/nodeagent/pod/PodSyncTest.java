package io.kubelite.nodeagent.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Secret;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.reconcile.Result;
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

/** The pod worker against the in-memory runtime, a recording API and a manual clock. */
class PodSyncTest {

    static final ObjectKey KEY = new ObjectKey("default", "web");
    static final ContainerSpecs.Owner OWNER = new ContainerSpecs.Owner("c1", "node-1");

    @TempDir
    Path state;
    ManualClock clock;
    SimulatedRuntime runtime;
    Map<ObjectKey, Pod> pods;
    RecordingApi api;

    @BeforeEach
    void setUp() {
        clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        runtime = new SimulatedRuntime(clock);
        pods = new HashMap<>();
        api = new RecordingApi();
    }

    PodSync worker() {
        return worker(PodEvents.NONE);
    }

    PodSync worker(PodEvents events) {
        ProbeManager probes = new ProbeManager(new ProbeRunner(runtime, true), Executors.newSingleThreadScheduledExecutor(),
                PodEvents.NONE, p -> { });
        PodSync.NodeContext node = new PodSync.NodeContext(OWNER, "127.0.0.1", "kubelite/pause:3.10", List.of("/bin/sleep", "1"),
                state, Duration.ofSeconds(10), false, "cluster.local");
        return new PodSync(node, runtime, cache(), api, events, new NoConfig(), probes, clock);
    }

    static Pod pod(String restartPolicy) {
        return new PodBuilder().withNewMetadata().withName("web").withNamespace("default").withUid("uid-1").endMetadata()
                .withNewSpec().withNodeName("node-1").withRestartPolicy(restartPolicy)
                .addNewContainer().withName("c").withImage("busybox:1.35").endContainer().endSpec().build();
    }

    List<RuntimeContainer> containers(String name) {
        return runtime.list(Map.of(ContainerLabels.CONTAINER_NAME, name));
    }

    @Test
    void startsAPauseContainerAndTheAppContainerAndReportsRunningWithThePodIp() {
        pods.put(KEY, pod("Always"));
        worker().reconcile(KEY);
        assertThat(containers(ContainerLabels.SANDBOX)).hasSize(1).allMatch(RuntimeContainer::running);
        assertThat(containers("c")).hasSize(1).allMatch(RuntimeContainer::running);
        PodStatus status = api.last();
        assertThat(status.getPhase()).isEqualTo("Running");
        assertThat(status.getPodIP()).isEqualTo(containers(ContainerLabels.SANDBOX).get(0).ipAddress());
        assertThat(status.getContainerStatuses().get(0).getReady()).isTrue();
    }

    @Test
    void readinessGatesHoldReadyUntilTheirConditionsAreTrueAndOthersConditionsAreKept() {
        Pod gated = pod("Always");
        gated.getSpec().setReadinessGates(List.of(new io.fabric8.kubernetes.api.model.PodReadinessGate("example.com/lb")));
        pods.put(KEY, gated);
        PodSync worker = worker();
        worker.reconcile(KEY);
        PodStatus status = api.last();
        assertThat(condition(status, "ContainersReady")).isEqualTo("True");
        assertThat(condition(status, "Ready")).isEqualTo(
                "False corresponding condition of pod readiness gate \"example.com/lb\" does not exist.");

        Pod registered = pod("Always");
        registered.getSpec().setReadinessGates(gated.getSpec().getReadinessGates());
        PodStatus withGate = new io.fabric8.kubernetes.api.model.PodStatusBuilder(status).addNewCondition()
                .withType("example.com/lb").withStatus("True").endCondition().build();
        registered.setStatus(withGate);
        pods.put(KEY, registered);
        worker.reconcile(KEY);
        assertThat(condition(api.last(), "Ready")).isEqualTo("True");
        assertThat(condition(api.last(), "example.com/lb")).as("the load balancer's condition is kept").isEqualTo("True");
    }

    @Test
    void aPodPastItsActiveDeadlineIsStoppedAndFailsWithDeadlineExceeded() {
        Pod pod = pod("Always");
        pod.getSpec().setActiveDeadlineSeconds(30L);
        pods.put(KEY, pod);
        PodSync worker = worker();
        Result first = worker.reconcile(KEY);
        assertThat(first).isEqualTo(Result.requeueAfter(Duration.ofSeconds(10)));
        Pod started = pod("Always");
        started.getSpec().setActiveDeadlineSeconds(30L);
        started.setStatus(api.last());
        pods.put(KEY, started);

        clock.advance(Duration.ofSeconds(30));
        worker.reconcile(KEY);
        PodStatus status = api.last();
        assertThat(status.getPhase()).isEqualTo("Failed");
        assertThat(status.getReason()).isEqualTo("DeadlineExceeded");
        assertThat(status.getMessage()).isEqualTo("Pod was active on the node longer than the specified deadline");
        assertThat(containers("c")).noneMatch(RuntimeContainer::running);

        started.setStatus(status);
        worker.reconcile(KEY);
        assertThat(api.last().getReason()).as("the reason stays with the finished pod").isEqualTo("DeadlineExceeded");
        assertThat(containers("c")).as("not started again").hasSize(1);
    }

    @Test
    void whatAContainerWritesToItsTerminationLogIsItsTerminatedMessage() throws Exception {
        pods.put(KEY, pod("Never"));
        PodSync worker = worker();
        worker.reconcile(KEY);
        RuntimeContainer c = containers("c").get(0);
        java.nio.file.Path log = state.resolve("pods/uid-1/containers/c/0");
        assertThat(log).as("made before the container, bound at /dev/termination-log").exists();
        java.nio.file.Files.writeString(log, "disk full");
        runtime.exit(c.id(), 1);
        worker.reconcile(KEY);
        var terminated = api.last().getContainerStatuses().get(0).getState().getTerminated();
        assertThat(terminated.getExitCode()).isEqualTo(1);
        assertThat(terminated.getMessage()).isEqualTo("disk full");
        assertThat(api.last().getPhase()).isEqualTo("Failed");
    }

    @Test
    void aPodOnTheHostNetworkHasTheNodesIp() {
        Pod pod = pod("Always");
        pod.getSpec().setHostNetwork(true);
        pods.put(KEY, pod);
        worker().reconcile(KEY);
        assertThat(api.last().getPodIP()).isEqualTo("127.0.0.1");
        assertThat(api.last().getPhase()).isEqualTo("Running");
    }

    @Test
    void aNewPodsEventsAreWrittenAfterItsRunningStatus() {
        pods.put(KEY, pod("Always"));
        List<String> events = new ArrayList<>();
        worker(new PodEvents() {
            @Override
            public void normal(Pod pod, String fieldPath, String reason, String message) {
                events.add(reason + " after " + api.statuses.size() + " status write(s)");
            }

            @Override
            public void warning(Pod pod, String fieldPath, String reason, String message) {
                events.add(reason + " after " + api.statuses.size() + " status write(s)");
            }
        }).reconcile(KEY);
        assertThat(api.statuses).hasSize(1);
        assertThat(api.last().getPhase()).isEqualTo("Running");
        assertThat(events).containsExactly("Pulled after 1 status write(s)", "Created after 1 status write(s)",
                "Started after 1 status write(s)");
    }

    @Test
    void anExitedContainerRestartsAtOnceThenWaitsTenSecondsInCrashLoopBackOff() {
        pods.put(KEY, pod("Always"));
        PodSync worker = worker();
        worker.reconcile(KEY);
        runtime.exit(containers("c").get(0).id(), 1);
        worker.reconcile(KEY);
        assertThat(api.last().getContainerStatuses().get(0).getRestartCount()).isEqualTo(1);
        String second = containers("c").stream().filter(RuntimeContainer::running).findFirst().orElseThrow().id();

        runtime.exit(second, 1);
        Result result = worker.reconcile(KEY);
        assertThat(api.last().getContainerStatuses().get(0).getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(api.last().getPhase()).isEqualTo("Running");
        assertThat(result).isEqualTo(Result.requeueAfter(Duration.ofSeconds(10)));

        clock.advance(Duration.ofSeconds(10));
        worker.reconcile(KEY);
        assertThat(api.last().getContainerStatuses().get(0).getRestartCount()).isEqualTo(2);
        assertThat(api.last().getContainerStatuses().get(0).getLastState().getTerminated().getExitCode()).isEqualTo(1);
        assertThat(containers("c")).hasSize(2);
    }

    static Pod withInit(String restartPolicy, io.fabric8.kubernetes.api.model.Container... init) {
        Pod pod = pod(restartPolicy);
        pod.getSpec().setInitContainers(List.of(init));
        return pod;
    }

    static io.fabric8.kubernetes.api.model.Container init(String name, String restartPolicy) {
        return new io.fabric8.kubernetes.api.model.ContainerBuilder().withName(name).withImage("busybox:1.35")
                .withRestartPolicy(restartPolicy).build();
    }

    static String initState(PodStatus status, int i) {
        var s = status.getInitContainerStatuses().get(i);
        var state = s.getState();
        String shown = state.getRunning() != null ? "running" : state.getTerminated() != null
                ? "terminated:" + state.getTerminated().getReason() : "waiting:" + state.getWaiting().getReason();
        return s.getName() + " " + shown + " ready=" + s.getReady() + " restarts=" + s.getRestartCount();
    }

    static String condition(PodStatus status, String type) {
        return status.getConditions().stream().filter(c -> c.getType().equals(type))
                .map(c -> c.getStatus() + (c.getMessage() == null ? "" : " " + c.getMessage())).findFirst().orElse("none");
    }

    @Test
    void initContainersRunOneAfterAnotherBeforeTheAppContainers() {
        pods.put(KEY, withInit("Always", init("migrate", null), init("warm", null)));
        PodSync worker = worker();
        worker.reconcile(KEY);
        assertThat(containers("migrate")).hasSize(1).allMatch(RuntimeContainer::running);
        assertThat(containers("warm")).isEmpty();
        assertThat(containers("c")).isEmpty();
        PodStatus status = api.last();
        assertThat(status.getPhase()).isEqualTo("Pending");
        assertThat(initState(status, 0)).isEqualTo("migrate running ready=false restarts=0");
        assertThat(initState(status, 1)).isEqualTo("warm waiting:PodInitializing ready=false restarts=0");
        assertThat(status.getContainerStatuses().get(0).getState().getWaiting().getReason()).isEqualTo("PodInitializing");
        assertThat(condition(status, "Initialized")).isEqualTo("False containers with incomplete status: [migrate warm]");

        runtime.exit(containers("migrate").get(0).id(), 0);
        worker.reconcile(KEY);
        assertThat(containers("warm")).hasSize(1).allMatch(RuntimeContainer::running);
        assertThat(containers("c")).isEmpty();
        assertThat(initState(api.last(), 0)).isEqualTo("migrate terminated:Completed ready=true restarts=0");

        runtime.exit(containers("warm").get(0).id(), 0);
        worker.reconcile(KEY);
        assertThat(containers("c")).hasSize(1).allMatch(RuntimeContainer::running);
        status = api.last();
        assertThat(status.getPhase()).isEqualTo("Running");
        assertThat(condition(status, "Initialized")).isEqualTo("True");
        assertThat(condition(status, "Ready")).isEqualTo("True");

        runtime.exit(containers("c").get(0).id(), 1);
        worker.reconcile(KEY);
        assertThat(containers("migrate")).as("a restarted app container does not run the init containers again").hasSize(1);
        assertThat(api.last().getContainerStatuses().get(0).getRestartCount()).isEqualTo(1);
    }

    @Test
    void aFailedInitContainerIsRestartedWithBackOffOrFailsThePodUnderNever() {
        pods.put(KEY, withInit("Always", init("migrate", null)));
        PodSync worker = worker();
        worker.reconcile(KEY);
        runtime.exit(containers("migrate").get(0).id(), 1);
        worker.reconcile(KEY);
        assertThat(initState(api.last(), 0)).isEqualTo("migrate running ready=false restarts=1");
        runtime.exit(containers("migrate").stream().filter(RuntimeContainer::running).findFirst().orElseThrow().id(), 1);
        Result result = worker.reconcile(KEY);
        assertThat(initState(api.last(), 0)).isEqualTo("migrate waiting:CrashLoopBackOff ready=false restarts=1");
        assertThat(api.last().getPhase()).isEqualTo("Pending");
        assertThat(result).isEqualTo(Result.requeueAfter(Duration.ofSeconds(10)));
        assertThat(containers("c")).isEmpty();

        pods.clear();
        api.statuses.clear();
        Pod never = withInit("Never", init("migrate", null));
        never.getMetadata().setUid("uid-2");
        pods.put(KEY, never);
        PodSync other = worker();
        other.reconcile(KEY);
        runtime.exit(runtime.list(Map.of(ContainerLabels.CONTAINER_NAME, "migrate", ContainerLabels.POD_UID, "uid-2")).get(0).id(), 3);
        other.reconcile(KEY);
        assertThat(api.last().getPhase()).isEqualTo("Failed");
        assertThat(initState(api.last(), 0)).isEqualTo("migrate terminated:Error ready=false restarts=0");
        assertThat(runtime.list(Map.of(ContainerLabels.CONTAINER_NAME, "c", ContainerLabels.POD_UID, "uid-2"))).isEmpty();
    }

    @Test
    void aSidecarInitContainerKeepsRunningBesideTheAppContainersAndIsRestarted() {
        pods.put(KEY, withInit("Never", init("proxy", "Always"), init("migrate", null)));
        PodSync worker = worker();
        worker.reconcile(KEY);
        assertThat(containers("proxy")).hasSize(1).allMatch(RuntimeContainer::running);
        assertThat(containers("migrate")).as("started once the sidecar runs").hasSize(1).allMatch(RuntimeContainer::running);
        runtime.exit(containers("migrate").get(0).id(), 0);
        worker.reconcile(KEY);
        assertThat(containers("c")).hasSize(1).allMatch(RuntimeContainer::running);
        PodStatus status = api.last();
        assertThat(initState(status, 0)).isEqualTo("proxy running ready=true restarts=0");
        assertThat(status.getInitContainerStatuses().get(0).getStarted()).isTrue();
        assertThat(condition(status, "Ready")).isEqualTo("True");

        runtime.exit(containers("proxy").get(0).id(), 2);
        worker.reconcile(KEY);
        assertThat(initState(api.last(), 0)).as("a sidecar restarts even under restartPolicy Never")
                .isEqualTo("proxy running ready=true restarts=1");
        assertThat(api.last().getPhase()).isEqualTo("Running");
    }

    /** A worker whose runtime answers exec with exit 1 for commands starting with "fail", recording every exec. */
    PodSync hookWorker(List<String> execs, List<String> warnings) {
        io.kubelite.nodeagent.runtime.ContainerRuntime scripted = (io.kubelite.nodeagent.runtime.ContainerRuntime)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {io.kubelite.nodeagent.runtime.ContainerRuntime.class}, (proxy, method, args) -> {
                            if (method.getName().equals("exec")) {
                                @SuppressWarnings("unchecked")
                                List<String> command = (List<String>) args[1];
                                execs.add(String.join(" ", command) + " while " + runtime.inspect((String) args[0])
                                        .map(c -> c.state().toString()).orElse("gone"));
                                return new io.kubelite.nodeagent.runtime.ContainerRuntime.ExecResult(
                                        command.get(0).startsWith("fail") ? 1 : 0, "");
                            }
                            try {
                                return method.invoke(runtime, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
        ProbeManager probes = new ProbeManager(new ProbeRunner(scripted, false), Executors.newSingleThreadScheduledExecutor(),
                PodEvents.NONE, p -> { });
        PodSync.NodeContext node = new PodSync.NodeContext(OWNER, "127.0.0.1", "kubelite/pause:3.10", List.of("/bin/sleep", "1"),
                state, Duration.ofSeconds(10), false, "cluster.local");
        return new PodSync(node, scripted, cache(), api, new PodEvents() {
            @Override
            public void normal(Pod pod, String fieldPath, String reason, String message) {
            }

            @Override
            public void warning(Pod pod, String fieldPath, String reason, String message) {
                warnings.add(fieldPath + " " + reason + ": " + message);
            }
        }, new NoConfig(), probes, clock);
    }

    static Pod withHooks(String postStart, String preStop) {
        Pod pod = pod("Always");
        pod.getSpec().getContainers().get(0).setLifecycle(new io.fabric8.kubernetes.api.model.LifecycleBuilder()
                .withNewPostStart().withNewExec().withCommand(postStart).endExec().endPostStart()
                .withNewPreStop().withNewExec().withCommand(preStop).endExec().endPreStop().build());
        pod.getSpec().setTerminationGracePeriodSeconds(5L);
        return pod;
    }

    @Test
    void aPostStartHookRunsOnceTheContainerRunsAndItsPreStopHookBeforeItIsStopped() {
        List<String> execs = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        pods.put(KEY, withHooks("warm-up", "drain"));
        PodSync worker = hookWorker(execs, warnings);
        worker.reconcile(KEY);
        assertThat(execs).containsExactly("warm-up while RUNNING");
        assertThat(containers("c")).allMatch(RuntimeContainer::running);

        Pod deleting = withHooks("warm-up", "drain");
        deleting.getMetadata().setDeletionTimestamp("2026-01-01T00:00:05Z");
        deleting.getMetadata().setDeletionGracePeriodSeconds(5L);
        pods.put(KEY, deleting);
        worker.reconcile(KEY);
        assertThat(execs).containsExactly("warm-up while RUNNING", "drain while RUNNING");
        assertThat(warnings).isEmpty();
    }

    @Test
    void aFailingPostStartHookKillsTheContainerWhichIsRestartedAsAfterACrash() {
        List<String> execs = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        pods.put(KEY, withHooks("fail-warm-up", "fail-drain"));
        PodSync worker = hookWorker(execs, warnings);
        worker.reconcile(KEY);
        assertThat(warnings).contains("spec.containers{c} FailedPostStartHook: PostStartHook failed");
        assertThat(containers("c")).noneMatch(RuntimeContainer::running);
        worker.reconcile(KEY);
        assertThat(api.last().getContainerStatuses().get(0).getRestartCount()).isEqualTo(1);
    }

    @Test
    void aDeletedPodStopsItsAppContainersBeforeItsSidecarsLastStartedFirst() {
        List<String> stops = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.kubelite.nodeagent.runtime.ContainerRuntime recording = (io.kubelite.nodeagent.runtime.ContainerRuntime)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {io.kubelite.nodeagent.runtime.ContainerRuntime.class}, (proxy, method, args) -> {
                            if (method.getName().equals("stop")) {
                                runtime.inspect((String) args[0]).ifPresent(c -> stops.add(c.label(ContainerLabels.CONTAINER_NAME)));
                            }
                            try {
                                return method.invoke(runtime, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
        ProbeManager probes = new ProbeManager(new ProbeRunner(recording, true), Executors.newSingleThreadScheduledExecutor(),
                PodEvents.NONE, p -> { });
        PodSync.NodeContext node = new PodSync.NodeContext(OWNER, "127.0.0.1", "kubelite/pause:3.10", List.of("/bin/sleep", "1"),
                state, Duration.ofSeconds(10), false, "cluster.local");
        PodSync worker = new PodSync(node, recording, cache(), api, PodEvents.NONE, new NoConfig(), probes, clock);
        pods.put(KEY, withInit("Always", init("logs", "Always"), init("proxy", "Always")));
        worker.reconcile(KEY);
        assertThat(containers("c")).allMatch(RuntimeContainer::running);

        Pod deleting = withInit("Always", init("logs", "Always"), init("proxy", "Always"));
        deleting.getMetadata().setDeletionTimestamp("2026-01-01T00:00:30Z");
        deleting.getMetadata().setDeletionGracePeriodSeconds(30L);
        pods.put(KEY, deleting);
        worker.reconcile(KEY);
        assertThat(stops).containsExactly("c", "proxy", "logs");
    }

    /** {@code kubectl debug}: started once, in the target's process namespace, reported apart, never restarted. */
    @Test
    void anEphemeralContainerStartsOnceBesideTheTargetAndIsNotRestarted() {
        pods.put(KEY, pod("Always"));
        PodSync worker = worker();
        worker.reconcile(KEY);
        String target = containers("c").get(0).id();
        Pod debugged = pod("Always");
        debugged.getSpec().setEphemeralContainers(List.of(new io.fabric8.kubernetes.api.model.EphemeralContainerBuilder()
                .withName("dbg").withImage("busybox:1.35").withStdin(true).withTargetContainerName("c").build()));
        pods.put(KEY, debugged);
        worker.reconcile(KEY);
        assertThat(containers("dbg")).hasSize(1).allMatch(RuntimeContainer::running);
        assertThat(runtime.spec(containers("dbg").get(0).id()).pidMode()).isEqualTo("container:" + target);
        assertThat(api.last().getEphemeralContainerStatuses()).singleElement().satisfies(s -> {
            assertThat(s.getName()).isEqualTo("dbg");
            assertThat(s.getState().getRunning()).isNotNull();
        });
        assertThat(api.last().getContainerStatuses()).hasSize(1);
        assertThat(api.last().getConditions()).anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));

        runtime.exit(containers("dbg").get(0).id(), 0);
        worker.reconcile(KEY);
        clock.advance(Duration.ofMinutes(5));
        worker.reconcile(KEY);
        assertThat(containers("dbg")).as("not restarted").hasSize(1).noneMatch(RuntimeContainer::running);
        assertThat(api.last().getEphemeralContainerStatuses().get(0).getState().getTerminated().getExitCode()).isZero();
        assertThat(api.last().getPhase()).isEqualTo("Running");
    }

    @Test
    void underNeverAFailedContainerStaysDownAndThePodFails() {
        pods.put(KEY, pod("Never"));
        PodSync worker = worker();
        worker.reconcile(KEY);
        runtime.exit(containers("c").get(0).id(), 3);
        worker.reconcile(KEY);
        assertThat(api.last().getPhase()).isEqualTo("Failed");
        assertThat(api.last().getContainerStatuses().get(0).getState().getTerminated().getExitCode()).isEqualTo(3);
        assertThat(containers("c")).hasSize(1);
    }

    @Test
    void aDeletedPodLosesItsContainersAndIsRemovedFromTheApiWithItsUid() {
        pods.put(KEY, pod("Always"));
        PodSync worker = worker();
        worker.reconcile(KEY);
        Pod deleting = pod("Always");
        deleting.getMetadata().setDeletionTimestamp("2026-01-01T00:00:05Z");
        deleting.getMetadata().setDeletionGracePeriodSeconds(0L);
        pods.put(KEY, deleting);
        worker.reconcile(KEY);
        assertThat(runtime.list(Map.of())).isEmpty();
        assertThat(api.deleted).containsExactly("uid-1");
    }

    @Test
    void aNewWorkerAdoptsRunningContainersWithoutRestartingThem() {
        pods.put(KEY, pod("Always"));
        worker().reconcile(KEY);
        List<String> before = runtime.list(Map.of()).stream().map(RuntimeContainer::id).sorted().toList();
        worker().reconcile(KEY);
        assertThat(runtime.list(Map.of()).stream().map(RuntimeContainer::id).sorted().toList()).isEqualTo(before);
    }

    @Test
    void containersOfAPodNoLongerBoundHereAreRemoved() {
        pods.put(KEY, pod("Always"));
        PodSync worker = worker();
        worker.reconcile(KEY);
        pods.remove(KEY);
        worker.reconcile(KEY);
        assertThat(runtime.list(Map.of())).isEmpty();
    }

    private PodCache cache() {
        return new PodCache() {
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
    }

    static final class RecordingApi implements PodApi {
        final List<PodStatus> statuses = new ArrayList<>();
        final List<String> deleted = new ArrayList<>();

        @Override
        public String writeStatus(Pod pod, PodStatus status) {
            statuses.add(status);
            return Integer.toString(statuses.size());
        }

        @Override
        public void deleteNow(Pod pod) {
            deleted.add(pod.getMetadata().getUid());
        }

        PodStatus last() {
            return statuses.get(statuses.size() - 1);
        }
    }

    static class NoConfig implements ConfigLookup {
        @Override
        public Optional<ConfigMap> configMap(String namespace, String name) {
            return Optional.empty();
        }

        @Override
        public Optional<Secret> secret(String namespace, String name) {
            return Optional.empty();
        }
    }
}
