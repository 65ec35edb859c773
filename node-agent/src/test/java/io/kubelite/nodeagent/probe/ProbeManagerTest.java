package io.kubelite.nodeagent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.kubelite.nodeagent.pod.PodEvents;
import io.kubelite.nodeagent.runtime.ContainerRuntime;
import io.kubelite.nodeagent.runtime.simulated.SimulatedRuntime;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Startup probes against a runtime whose exec answers are scripted: liveness and readiness wait
 * for the startup probe, and a startup probe failing failureThreshold times asks for a restart.
 */
class ProbeManagerTest {

    final SimulatedRuntime simulated = new SimulatedRuntime();
    /** command's first word → exit code its execs return */
    final Map<String, Integer> exitCodes = new ConcurrentHashMap<>();
    final List<String> execs = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    final AtomicInteger changes = new AtomicInteger();
    final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);

    final ContainerRuntime runtime = (ContainerRuntime) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ContainerRuntime.class}, (proxy, method, args) -> {
                if (method.getName().equals("exec")) {
                    @SuppressWarnings("unchecked")
                    String command = ((List<String>) args[1]).get(0);
                    execs.add(command);
                    return new ContainerRuntime.ExecResult(exitCodes.getOrDefault(command, 0), "");
                }
                return method.invoke(simulated, args);
            });

    final ProbeManager probes = new ProbeManager(new ProbeRunner(runtime, false), executor, new PodEvents() {
        @Override
        public void normal(Pod pod, String fieldPath, String reason, String message) {
        }

        @Override
        public void warning(Pod pod, String fieldPath, String reason, String message) {
            events.add(reason + ": " + message);
        }
    }, p -> changes.incrementAndGet());

    static final Pod POD = new PodBuilder().withNewMetadata().withName("web").withNamespace("default").withUid("u")
            .endMetadata().build();

    static Probe exec(String command, int failureThreshold) {
        return new ProbeBuilder().withNewExec().withCommand(command).endExec().withPeriodSeconds(1)
                .withFailureThreshold(failureThreshold).build();
    }

    static Container container() {
        return new ContainerBuilder().withName("app").withImage("x").withStartupProbe(exec("started", 2))
                .withLivenessProbe(exec("alive", 3)).build();
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void livenessAndReadinessWaitForTheStartupProbe() {
        Container container = container();
        exitCodes.put("started", 1);
        probes.ensure(POD, container, "c1", "10.0.0.2");
        await().atMost(Duration.ofSeconds(5)).until(() -> execs.size() >= 1);
        assertThat(probes.started(container, "c1")).isFalse();
        assertThat(probes.ready(container, "c1")).as("not ready before it started").isFalse();

        exitCodes.put("started", 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> probes.started(container, "c1"));
        assertThat(execs).doesNotContain("alive");
        assertThat(probes.ready(container, "c1")).isTrue();
        probes.ensure(POD, container, "c1", "10.0.0.2");
        await().atMost(Duration.ofSeconds(5)).until(() -> execs.contains("alive"));
        int startupChecks = (int) execs.stream().filter("started"::equals).count();
        await().pollDelay(Duration.ofMillis(1500)).until(() -> true);
        assertThat(execs.stream().filter("started"::equals).count()).as("a started container's startup probe stops")
                .isEqualTo(startupChecks);
        assertThat(probes.startupFailed(container, "c1")).isFalse();
    }

    @Test
    void aStartupProbeFailingFailureThresholdTimesAsksForARestart() {
        Container container = container();
        exitCodes.put("started", 1);
        probes.ensure(POD, container, "c2", "10.0.0.2");
        await().atMost(Duration.ofSeconds(5)).until(() -> probes.startupFailed(container, "c2"));
        assertThat(changes.get()).as("the pod worker is told").isPositive();
        assertThat(events).contains("Unhealthy: Startup probe failed: command exited 1");
        assertThat(execs).doesNotContain("alive");
        probes.forget("c2");
        assertThat(probes.startupFailed(container, "c2")).as("a new attempt starts afresh").isFalse();
    }
}
