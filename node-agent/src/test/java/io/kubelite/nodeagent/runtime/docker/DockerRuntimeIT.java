package io.kubelite.nodeagent.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubelite.nodeagent.pod.ContainerSpecs;
import io.kubelite.nodeagent.runtime.ContainerLabels;
import io.kubelite.nodeagent.runtime.ContainerSpec;
import io.kubelite.nodeagent.runtime.ContainerRuntime;
import io.kubelite.nodeagent.runtime.RuntimeContainer;
import io.kubelite.nodeagent.runtime.image.PauseImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Docker runtime against the real engine: pods as a pause container plus joined app containers. */
class DockerRuntimeIT {

    static final String PAUSE = "kubelite/pause:3.10";
    static final String BUSYBOX = "kubelite/busybox:it";
    static final ContainerSpecs.Owner OWNER = new ContainerSpecs.Owner("it-" + UUID.randomUUID().toString().substring(0, 8), "node-it");
    static ContainerRuntime runtime;

    @BeforeAll
    static void engine() {
        runtime = new DockerRuntime("unix:///var/run/docker.sock");
        PauseImage.ensure(runtime, PAUSE, Path.of("/bin/busybox"));
        PauseImage.ensureBusyboxImage(runtime, BUSYBOX, Path.of("/bin/busybox"), null, List.of("sh"));
    }

    @AfterAll
    static void removeEverythingThisTestStarted() throws Exception {
        for (RuntimeContainer c : runtime.list(ContainerLabels.owner(OWNER.clusterId(), OWNER.nodeName()))) {
            runtime.remove(c.id());
        }
        runtime.close();
    }

    /** A pod's pause container and one app container, both started. */
    record Started(String sandbox, String app) {
    }

    static Started startApp(Pod pod, Container c) {
        String sandbox = runtime.create(ContainerSpecs.sandbox(pod, OWNER, PAUSE, PauseImage.COMMAND, null, "cluster.local"));
        runtime.start(sandbox);
        String id = runtime.create(ContainerSpecs.app(pod, c, sandbox, List.of(), List.of(), 0, OWNER));
        runtime.start(id);
        return new Started(sandbox, id);
    }

    @Test
    void thePauseContainerHoldsThePodIpAndAppContainersTalkOverLocalhost() {
        Container server = new ContainerBuilder().withName("server").withImage(BUSYBOX)
                .withCommand("sh", "-c", "mkdir -p /www && echo hello-from-server > /www/index.html && httpd -f -p 8080 -h /www")
                .build();
        Container client = new ContainerBuilder().withName("client").withImage(BUSYBOX)
                .withCommand("sleep", "3600").build();
        Pod pod = pod("talk", server, client);
        String sandbox = runtime.create(ContainerSpecs.sandbox(pod, OWNER, PAUSE, PauseImage.COMMAND, null, "cluster.local"));
        runtime.start(sandbox);
        RuntimeContainer pause = runtime.inspect(sandbox).orElseThrow();
        assertThat(pause.running()).isTrue();
        assertThat(pause.ipAddress()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");

        String serverId = runtime.create(ContainerSpecs.app(pod, server, sandbox, List.of(), List.of(), 0, OWNER));
        runtime.start(serverId);
        String clientId = runtime.create(ContainerSpecs.app(pod, client, sandbox, List.of(), List.of(), 0, OWNER));
        runtime.start(clientId);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                runtime.exec(clientId, List.of("wget", "-q", "-O", "-", "http://127.0.0.1:8080/"), Duration.ofSeconds(5))
                        .output()).contains("hello-from-server"));
        assertThat(runtime.list(ContainerLabels.owner(OWNER.clusterId(), OWNER.nodeName())))
                .extracting(c -> c.label(ContainerLabels.CONTAINER_NAME))
                .contains(ContainerLabels.SANDBOX, "server", "client");
    }

    /** A RuntimeClass's handler is the engine's runtime of that name; one the engine lacks cannot be created. */
    @Test
    void containersRunOnTheRuntimeTheirSpecNames() throws Exception {
        assertThat(runtime.runtimeHandlers()).contains("runc");
        Container c = new ContainerBuilder().withName("on-runc").withImage(BUSYBOX).withCommand("sleep", "3600").build();
        Pod pod = pod("on-runc", c);
        String sandbox = runtime.create(ContainerSpecs.sandbox(pod, OWNER, PAUSE, PauseImage.COMMAND, null, "cluster.local")
                .withRuntimeHandler("runc"));
        runtime.start(sandbox);
        String id = runtime.create(ContainerSpecs.app(pod, c, sandbox, List.of(), List.of(), 0, OWNER).withRuntimeHandler("runc"));
        runtime.start(id);

        assertThat(dockerInspect(id, "{{.HostConfig.Runtime}}")).isEqualTo("runc");
        assertThat(runtime.inspect(id).orElseThrow().label(ContainerLabels.RUNTIME_HANDLER)).isEqualTo("runc");
        assertThat(runtime.runtimeHandlers()).doesNotContain("kata");
        assertThatThrownBy(() -> runtime.create(ContainerSpecs.app(pod, c, sandbox, List.of(), List.of(), 1, OWNER)
                .withRuntimeHandler("kata"))).hasMessageContaining("kata");
    }

    static String dockerInspect(String id, String format) throws Exception {
        Process p = new ProcessBuilder("docker", "inspect", "-f", format, id).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        p.waitFor();
        return out;
    }

    @Test
    void thePodsResolvConfIsThePauseContainersAndItsAppContainersShareIt() {
        Container c = new ContainerBuilder().withName("app").withImage(BUSYBOX).withCommand("sleep", "3600").build();
        Pod pod = pod("dns", c);
        ContainerSpec.Dns dns = new ContainerSpec.Dns(List.of("10.96.0.10"),
                List.of("default.svc.cluster.local", "svc.cluster.local", "cluster.local"), List.of("ndots:5"));
        String sandbox = runtime.create(ContainerSpecs.sandbox(pod, OWNER, PAUSE, PauseImage.COMMAND, dns, "cluster.local"));
        runtime.start(sandbox);
        String id = runtime.create(ContainerSpecs.app(pod, c, sandbox, List.of(), List.of(), 0, OWNER));
        runtime.start(id);
        String resolvConf = runtime.exec(id, List.of("cat", "/etc/resolv.conf"), Duration.ofSeconds(5)).output();
        assertThat(resolvConf).contains("nameserver 10.96.0.10")
                .contains("search default.svc.cluster.local svc.cluster.local cluster.local").contains("options ndots:5");
    }

    @Test
    void theMemoryLimitIsEnforcedByTheKernel() {
        Container c = new ContainerBuilder().withName("limited").withImage(BUSYBOX).withCommand("sleep", "3600")
                .withNewResources().addToLimits("memory", new Quantity("64Mi")).addToLimits("cpu", new Quantity("500m"))
                .endResources().build();
        Pod pod = pod("limited", c);
        String id = startApp(pod, c).app();
        String limit = runtime.exec(id, List.of("sh", "-c",
                "cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes"),
                Duration.ofSeconds(5)).output().strip();
        assertThat(limit).isEqualTo("67108864");
    }

    /** Usage samples: one of a running container; none, and no wait, for one removed meanwhile. */
    @Test
    void aRunningContainerIsSampledAndARemovedOneIsNot() {
        Container c = new ContainerBuilder().withName("sampled").withImage(BUSYBOX).withCommand("sleep", "3600").build();
        Pod pod = pod("sampled", c);
        String id = startApp(pod, c).app();
        assertThat(runtime.stats(id)).hasValueSatisfying(s -> assertThat(s.cpuNanos()).isPositive());
        runtime.stop(id, Duration.ZERO);
        runtime.remove(id);
        long started = System.nanoTime();
        assertThat(runtime.stats(id)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    /** An ephemeral container with a target shares the target's process namespace ({@code kubectl debug --target}). */
    @Test
    void anEphemeralContainerSeesItsTargetsProcesses() throws Exception {
        Container target = new ContainerBuilder().withName("target").withImage(BUSYBOX).withCommand("sleep", "3602").build();
        Pod pod = pod("debugged", target);
        Started started = startApp(pod, target);
        String sandbox = started.sandbox();
        String targetId = started.app();
        Container debugger = new ContainerBuilder().withName("dbg").withImage(BUSYBOX).withCommand("sh", "-c", "ps").build();
        String id = runtime.create(ContainerSpecs.ephemeral(pod, debugger, sandbox, List.of(), List.of(), OWNER, targetId));
        runtime.start(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.inspect(id).orElseThrow().state()
                == RuntimeContainer.State.EXITED);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        runtime.logs(id, new ContainerRuntime.LogOptions(false, null, false, null), out);
        assertThat(out.toString()).contains("sleep 3602");
    }

    @Test
    void anExitedContainerReportsItsExitCodeAndLogs() throws Exception {
        Container c = new ContainerBuilder().withName("exits").withImage(BUSYBOX)
                .withCommand("sh", "-c", "echo line-one; echo line-two; exit 3").build();
        Pod pod = pod("exits", c);
        String id = startApp(pod, c).app();
        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.inspect(id).orElseThrow().state()
                == RuntimeContainer.State.EXITED);
        RuntimeContainer exited = runtime.inspect(id).orElseThrow();
        assertThat(exited.exitCode()).isEqualTo(3);
        assertThat(exited.finishedAt()).isAfter(java.time.Instant.EPOCH);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        runtime.logs(id, new ContainerRuntime.LogOptions(false, 1, false, null), out);
        assertThat(out.toString()).isEqualTo("line-two\n");
    }

    @Test
    void followingLogsDeliversEachLineAsItIsWritten() throws Exception {
        Container c = new ContainerBuilder().withName("counter").withImage(BUSYBOX)
                .withCommand("sh", "-c", "i=0; while true; do echo line-$i; i=$((i+1)); sleep 1; done").build();
        Pod pod = pod("counter", c);
        String id = startApp(pod, c).app();
        java.util.concurrent.BlockingQueue<String> seen = new java.util.concurrent.LinkedBlockingQueue<>();
        java.io.OutputStream out = new java.io.OutputStream() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(int b) {
                if (b == '\n') {
                    seen.add(line.toString());
                    line.setLength(0);
                } else {
                    line.append((char) b);
                }
            }
        };
        Thread follower = new Thread(() -> runtime.logs(id, new ContainerRuntime.LogOptions(true, 1, false, null), out));
        follower.setDaemon(true);
        follower.start();
        String first = seen.poll(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(first).startsWith("line-");
        int n = Integer.parseInt(first.substring(5));
        assertThat(seen.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("line-" + (n + 1));
        assertThat(seen.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("line-" + (n + 2));
        runtime.stop(id, Duration.ZERO);
        follower.join(10_000);
        assertThat(follower.isAlive()).as("following ends when the container stops").isFalse();
    }

    /** {@code kubectl exec -i}: stdin reaches the command and its end is the command's end of file. */
    @Test
    @Timeout(30)
    void anAttachedCommandReadsStdinToItsEndAndReportsSeparateStreamsAndItsExitCode() throws Exception {
        String id = sleeper("attach");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try (ContainerRuntime.ExecSession session = runtime.attach(id,
                List.of("sh", "-c", "wc -c; echo to-stderr >&2; exit 5"),
                new ContainerRuntime.ExecStreams(true, stdout, stderr, false))) {
            byte[] input = "x".repeat(100_000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            session.write(input, 0, input.length);
            session.closeStdin();
            assertThat(session.run()).isEqualTo(5);
        }
        assertThat(stdout.toString().strip()).isEqualTo("100000");
        assertThat(stderr.toString()).isEqualTo("to-stderr\n");
    }

    @Test
    @Timeout(30)
    void aTerminalMergesStderrIntoStdoutAndCanBeResized() throws Exception {
        String id = sleeper("tty");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        try (ContainerRuntime.ExecSession session = runtime.attach(id, List.of("sh", "-c", "sleep 0.5; stty size; echo err >&2"),
                new ContainerRuntime.ExecStreams(false, stdout, null, true))) {
            session.resize(123, 45);
            assertThat(session.run()).isZero();
        }
        assertThat(stdout.toString()).contains("45 123\r\n").contains("err\r\n");
    }

    /** {@code kubectl run -i}: a container made with {@code stdin: true} reads what the attached user types. */
    @Test
    @Timeout(30)
    void attachingToAContainerJoinsItsOwnProcessStdinAndOutput() throws Exception {
        Container c = new ContainerBuilder().withName("reader").withImage(BUSYBOX).withStdin(true).withStdinOnce(true)
                .withCommand("sh", "-c", "read line; echo got $line; echo to-stderr >&2").build();
        String id = started(c);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try (ContainerRuntime.ExecSession session = runtime.attachToContainer(id,
                new ContainerRuntime.ExecStreams(true, stdout, stderr, false))) {
            byte[] input = "typed\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            session.write(input, 0, input.length);
            session.run();
        }
        assertThat(stdout.toString()).isEqualTo("got typed\n");
        assertThat(stderr.toString()).isEqualTo("to-stderr\n");
        assertThatThrownBy(() -> runtime.attachToContainer(id,
                new ContainerRuntime.ExecStreams(false, new ByteArrayOutputStream(), null, false)))
                .isInstanceOf(ContainerRuntime.ExecException.class).hasMessageContaining("is not running");
    }

    @Test
    void aCommandThatCannotStartIsRefusedWithTheEnginesWords() throws Exception {
        String id = sleeper("stopped");
        runtime.stop(id, Duration.ZERO);
        assertThatThrownBy(() -> runtime.attach(id, List.of("true"),
                new ContainerRuntime.ExecStreams(false, new ByteArrayOutputStream(), null, false)))
                .isInstanceOf(ContainerRuntime.ExecException.class).hasMessageContaining("not running");
    }

    /** The relister's trigger: state changes are reported, exec probes and kubectl exec are not. */
    @Test
    @Timeout(60)
    void theWatchReportsStateChangesButNotCommandsRunInContainers() throws Exception {
        java.util.concurrent.BlockingQueue<String> changed = new java.util.concurrent.LinkedBlockingQueue<>();
        try (java.io.Closeable watch = runtime.watch(ContainerLabels.owner(OWNER.clusterId(), OWNER.nodeName()),
                changed::add)) {
            String id = sleeper("watched");
            await().atMost(Duration.ofSeconds(10)).until(() -> changed.contains(id));
            // the rest of the pod start's events: drained once none came for 300 ms
            while (changed.poll(300, java.util.concurrent.TimeUnit.MILLISECONDS) != null) {
                // drained
            }
            assertThat(runtime.exec(id, List.of("true"), Duration.ofSeconds(5)).exitCode()).isZero();
            assertThat(changed.poll(1, java.util.concurrent.TimeUnit.SECONDS)).as("an exec changes no state").isNull();
            runtime.stop(id, Duration.ZERO);
            assertThat(changed.poll(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(id);
        }
    }

    private String sleeper(String name) {
        return started(new ContainerBuilder().withName(name).withImage(BUSYBOX).withCommand("sleep", "3600").build());
    }

    /** {@code c} running in a pod of its own name, its pause container first; returns its id. */
    private String started(Container c) {
        Pod pod = pod(c.getName(), c);
        String id = startApp(pod, c).app();
        return id;
    }

    static Pod pod(String name, Container... containers) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default")
                .withUid(UUID.randomUUID().toString()).endMetadata()
                .withNewSpec().withContainers(containers).endSpec().build();
    }
}
