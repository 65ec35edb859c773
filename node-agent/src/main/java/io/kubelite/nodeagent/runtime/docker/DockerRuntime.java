package io.kubelite.nodeagent.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RuntimeInfo;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.kubelite.nodeagent.metrics.HostUsage;
import io.kubelite.nodeagent.runtime.ContainerRuntime;
import io.kubelite.nodeagent.runtime.ContainerSpec;
import io.kubelite.nodeagent.runtime.RuntimeContainer;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** {@link ContainerRuntime} on the Docker Engine API (docker-java over the unix socket). */
public final class DockerRuntime implements ContainerRuntime {

    private static final Instant NEVER = Instant.EPOCH;
    /** The runtime every Docker engine has, for an engine that lists none. */
    private static final String DEFAULT_RUNTIME = "runc";
    /** The container events that change what a relist sees. */
    static final List<String> STATE_EVENTS = List.of("create", "start", "die", "oom", "destroy", "pause", "unpause");

    private final DockerClient docker;
    /**
     * For usage samples only: its own few connections, and an answer within {@link #STATS_TIMEOUT}.
     * A sample the engine never answers (a container whose exit it lost while many were killed at
     * once) would otherwise hold a connection of the shared pool for good, one more every
     * publishing interval, until the pod workers found none left.
     */
    private final DockerClient statsDocker;
    private final URI dockerHost;
    private static final Duration STATS_TIMEOUT = Duration.ofSeconds(15);
    private static final Path PROC_STAT = Path.of("/proc/stat");
    private static final Path PROC_MEMINFO = Path.of("/proc/meminfo");
    private final Map<String, RuntimeContainer> inspected = new ConcurrentHashMap<>();

    public DockerRuntime(String dockerHost) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost).build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(URI.create(dockerHost))
                .maxConnections(200)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        this.docker = DockerClientImpl.getInstance(config, http);
        this.statsDocker = DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                .dockerHost(URI.create(dockerHost))
                .maxConnections(16)
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(STATS_TIMEOUT)
                .build());
        this.dockerHost = URI.create(dockerHost);
    }

    @Override
    public String version() {
        return "docker://" + docker.versionCmd().exec().getVersion();
    }

    @Override
    public HostInfo host() {
        Info info = docker.infoCmd().exec();
        return new HostInfo(nonNull(info.getOsType(), "linux"), nonNull(info.getOperatingSystem(), ""),
                nonNull(info.getKernelVersion(), ""), architecture(info.getArchitecture()),
                info.getNCPU() == null ? Runtime.getRuntime().availableProcessors() : info.getNCPU(),
                info.getMemTotal() == null ? 0 : info.getMemTotal());
    }

    @Override
    public Set<String> runtimeHandlers() {
        Map<String, RuntimeInfo> runtimes = docker.infoCmd().exec().getRuntimes();
        return runtimes == null || runtimes.isEmpty() ? Set.of(DEFAULT_RUNTIME) : Set.copyOf(runtimes.keySet());
    }

    private static String architecture(String dockerArch) {
        if (dockerArch == null || dockerArch.equals("x86_64")) {
            return "amd64";
        }
        return dockerArch.equals("aarch64") ? "arm64" : dockerArch;
    }

    @Override
    public Optional<String> imageId(String image) {
        try {
            return Optional.of(docker.inspectImageCmd(image).exec().getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void pull(String image) {
        try {
            docker.pullImageCmd(image).start().awaitCompletion(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pulling " + image, e);
        }
    }

    @Override
    public void loadImage(InputStream dockerArchive) {
        docker.loadImageCmd(dockerArchive).exec();
    }

    @Override
    public String create(ContainerSpec spec) {
        HostConfig host = HostConfig.newHostConfig().withNetworkMode(spec.networkMode());
        if (spec.runtimeHandler() != null) {
            host.withRuntime(spec.runtimeHandler());
        }
        if (spec.pidMode() != null) {
            host.withPidMode(spec.pidMode());
        }
        List<Bind> binds = new ArrayList<>();
        for (ContainerSpec.Mount mount : spec.mounts()) {
            binds.add(Bind.parse(mount.hostPath() + ":" + mount.containerPath() + (mount.readOnly() ? ":ro" : ":rw")));
        }
        host.withBinds(binds);
        ContainerSpec.Resources resources = spec.resources();
        if (resources.memoryBytes() > 0) {
            host.withMemory(resources.memoryBytes()).withMemorySwap(resources.memoryBytes());
        }
        if (resources.nanoCpus() > 0) {
            host.withNanoCPUs(resources.nanoCpus());
        }
        if (resources.cpuShares() > 0) {
            host.withCpuShares((int) resources.cpuShares());
        }
        List<ExposedPort> exposed = new ArrayList<>();
        Ports bindings = new Ports();
        for (ContainerSpec.PortMapping port : spec.ports()) {
            ExposedPort exposedPort = new ExposedPort(port.containerPort(),
                    InternetProtocol.parse(port.protocol().toLowerCase()));
            exposed.add(exposedPort);
            if (port.hostPort() > 0) {
                bindings.bind(exposedPort, Ports.Binding.bindIpAndPort(
                        port.hostIp() == null || port.hostIp().isEmpty() ? "0.0.0.0" : port.hostIp(), port.hostPort()));
            }
        }
        host.withPortBindings(bindings);
        if (spec.dns() != null) {
            host.withDns(spec.dns().nameservers()).withDnsSearch(spec.dns().searches()).withDnsOptions(spec.dns().options());
        }
        if (!spec.extraHosts().isEmpty()) {
            host.withExtraHosts(spec.extraHosts().toArray(String[]::new));
        }
        ContainerSpec.Security security = spec.security();
        if (!security.groups().isEmpty()) {
            host.withGroupAdd(security.groups());
        }
        if (!security.capAdd().isEmpty()) {
            host.withCapAdd(capabilities(security.capAdd()));
        }
        if (!security.capDrop().isEmpty()) {
            host.withCapDrop(capabilities(security.capDrop()));
        }
        if (security.privileged()) {
            host.withPrivileged(true);
        }
        if (security.readOnlyRootFilesystem()) {
            host.withReadonlyRootfs(true);
        }
        if (security.noNewPrivileges()) {
            host.withSecurityOpts(List.of("no-new-privileges"));
        }
        if (!security.sysctls().isEmpty()) {
            host.withSysctls(security.sysctls());
        }
        CreateContainerCmd cmd = docker.createContainerCmd(spec.image())
                .withName(spec.name())
                .withLabels(spec.labels())
                .withEnv(spec.env())
                .withHostConfig(host)
                .withExposedPorts(exposed)
                .withVolumes(spec.mounts().stream().map(m -> new Volume(m.containerPath())).toList());
        if (spec.entrypoint() != null) {
            cmd.withEntrypoint(spec.entrypoint());
        }
        if (spec.cmd() != null) {
            cmd.withCmd(spec.cmd());
        }
        if (spec.workingDir() != null && !spec.workingDir().isEmpty()) {
            cmd.withWorkingDir(spec.workingDir());
        }
        if (spec.hostname() != null && !spec.hostname().isEmpty()) {
            cmd.withHostName(spec.hostname());
        }
        if (spec.domainname() != null && !spec.domainname().isEmpty()) {
            cmd.withDomainName(spec.domainname());
        }
        if (spec.terminal().stdin()) {
            cmd.withStdinOpen(true).withStdInOnce(spec.terminal().stdinOnce()).withAttachStdin(true);
        }
        if (spec.terminal().tty()) {
            cmd.withTty(true);
        }
        if (security.user() != null) {
            cmd.withUser(security.user());
        }
        return cmd.exec().getId();
    }

    /** Kubernetes' capability names ({@code NET_ADMIN} or {@code CAP_NET_ADMIN}, {@code ALL}) as Docker's. */
    static Capability[] capabilities(List<String> names) {
        Capability[] caps = new Capability[names.size()];
        for (int i = 0; i < caps.length; i++) {
            String name = names.get(i).toUpperCase(java.util.Locale.ROOT);
            try {
                caps[i] = Capability.valueOf(name.startsWith("CAP_") ? name.substring(4) : name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown capability: \"" + names.get(i) + "\"");
            }
        }
        return caps;
    }

    @Override
    public Optional<String> imageUser(String image) {
        try {
            var config = docker.inspectImageCmd(image).exec().getConfig();
            return Optional.of(config == null || config.getUser() == null ? "" : config.getUser());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void start(String id) {
        try {
            docker.startContainerCmd(id).exec();
        } catch (NotModifiedException alreadyRunning) {
            // level-triggered callers may start twice
        }
    }

    @Override
    public void stop(String id, Duration grace) {
        try {
            docker.stopContainerCmd(id).withTimeout((int) Math.max(0, grace.toSeconds())).exec();
        } catch (NotModifiedException | NotFoundException alreadyStopped) {
            // nothing to stop
        }
    }

    @Override
    public void remove(String id) {
        inspected.remove(id);
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            // already removed
        }
    }

    /**
     * One list call plus an inspect only for containers whose state changed since the last list:
     * a relist of 100 steady containers costs one request, not 101.
     */
    @Override
    public List<RuntimeContainer> list(Map<String, String> labels) {
        List<RuntimeContainer> result = new ArrayList<>();
        for (var c : docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()) {
            RuntimeContainer cached = inspected.get(c.getId());
            if (cached != null && cached.state() == state(c.getState())) {
                result.add(cached);
            } else {
                inspect(c.getId()).ifPresent(result::add);
            }
        }
        return result;
    }

    private static RuntimeContainer.State state(String dockerState) {
        if ("running".equals(dockerState)) {
            return RuntimeContainer.State.RUNNING;
        }
        return "created".equals(dockerState) ? RuntimeContainer.State.CREATED : RuntimeContainer.State.EXITED;
    }

    @Override
    public Optional<RuntimeContainer> inspect(String id) {
        InspectContainerResponse r;
        try {
            r = docker.inspectContainerCmd(id).exec();
        } catch (NotFoundException e) {
            inspected.remove(id);
            return Optional.empty();
        }
        InspectContainerResponse.ContainerState s = r.getState();
        RuntimeContainer.State state = state(s.getStatus());
        String ip = "";
        if (r.getNetworkSettings() != null && r.getNetworkSettings().getNetworks() != null) {
            for (ContainerNetwork network : r.getNetworkSettings().getNetworks().values()) {
                if (network.getIpAddress() != null && !network.getIpAddress().isEmpty()) {
                    ip = network.getIpAddress();
                }
            }
        }
        String name = r.getName() == null ? "" : r.getName().replaceFirst("^/", "");
        RuntimeContainer container = new RuntimeContainer(r.getId(), name,
                r.getConfig().getLabels() == null ? Map.of() : r.getConfig().getLabels(),
                r.getConfig().getImage(), r.getImageId(), state,
                s.getExitCodeLong() == null ? 0 : s.getExitCodeLong().intValue(),
                time(r.getCreated()), time(s.getStartedAt()), time(s.getFinishedAt()),
                Boolean.TRUE.equals(s.getOOMKilled()), ip, nonNull(s.getError(), ""));
        inspected.put(r.getId(), container);
        return Optional.of(container);
    }

    /** Docker says "0001-01-01T00:00:00Z" for "not yet"; that becomes {@link Instant#EPOCH}. */
    private static Instant time(String value) {
        if (value == null || value.isEmpty() || value.startsWith("0001-")) {
            return NEVER;
        }
        return Instant.parse(value);
    }

    @Override
    public ExecResult exec(String id, List<String> command, Duration timeout) {
        String execId = docker.execCreateCmd(id).withCmd(command.toArray(String[]::new))
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (var callback = docker.execStartCmd(execId).exec(new FrameCollector(output))) {
            if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return new ExecResult(-1, "command timed out after " + timeout.toSeconds() + "s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ExecResult(-1, "interrupted");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Long code = docker.inspectExecCmd(execId).exec().getExitCodeLong();
        return new ExecResult(code == null ? -1 : code.intValue(), output.toString());
    }

    @Override
    public ExecSession attach(String id, List<String> command, ExecStreams streams) {
        return DockerExecSession.start(docker, dockerHost, id, command, streams);
    }

    @Override
    public ExecSession attachToContainer(String id, ExecStreams streams) {
        return DockerExecSession.attachToContainer(docker, dockerHost, id, streams);
    }

    @Override
    public void logs(String id, LogOptions options, OutputStream out) {
        var cmd = docker.logContainerCmd(id).withStdOut(true).withStdErr(true)
                .withFollowStream(options.follow()).withTimestamps(options.timestamps());
        if (options.tailLines() != null) {
            cmd.withTail(options.tailLines());
        }
        if (options.sinceSeconds() != null) {
            cmd.withSince((int) (Instant.now().getEpochSecond() - options.sinceSeconds()));
        }
        FrameCollector collector = new FrameCollector(out);
        try (var callback = cmd.exec(collector)) {
            callback.awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (collector.failure != null) {
            throw new UncheckedIOException(collector.failure);
        }
    }

    @Override
    public Optional<UsageSample> stats(String id) {
        var holder = new ResultCallback.Adapter<Statistics>() {
            volatile Statistics stats;

            @Override
            public void onNext(Statistics object) {
                stats = object;
            }

            /** A container removed while it was sampled, or no answer in time: no sample, nothing to report. */
            @Override
            public void onError(Throwable failure) {
                try {
                    close();
                } catch (IOException e) {
                    // the stream is gone either way
                }
            }
        };
        try (var callback = statsDocker.statsCmd(id).withNoStream(true).exec(holder)) {
            callback.awaitCompletion(STATS_TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Statistics s = holder.stats;
        if (s == null || s.getCpuStats() == null || s.getCpuStats().getCpuUsage() == null
                || s.getCpuStats().getCpuUsage().getTotalUsage() == null) {
            return Optional.empty();
        }
        long usage = s.getMemoryStats() == null || s.getMemoryStats().getUsage() == null ? 0 : s.getMemoryStats().getUsage();
        long inactive = 0;
        if (s.getMemoryStats() != null && s.getMemoryStats().getStats() != null) {
            var st = s.getMemoryStats().getStats();
            inactive = st.getInactiveFile() != null ? st.getInactiveFile()
                    : st.getTotalInactiveFile() != null ? st.getTotalInactiveFile() : 0;
        }
        return Optional.of(new UsageSample(Instant.now(), s.getCpuStats().getCpuUsage().getTotalUsage(),
                Math.max(0, usage - inactive)));
    }

    /** The machine's usage from /proc, the engine's machine as well (the agent runs beside its engine). */
    @Override
    public Optional<UsageSample> hostUsage() {
        try {
            return HostUsage.parse(Files.readString(PROC_STAT), Files.readString(PROC_MEMINFO), Instant.now());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public Closeable watch(Map<String, String> labels, Consumer<String> onContainer) {
        List<String> filters = labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        // Only what changes a container's state: exec probes and kubectl exec (exec_create,
        // exec_start, exec_die), attach, resize or health events must not each cause a relist.
        return docker.eventsCmd().withEventTypeFilter(EventType.CONTAINER)
                .withEventFilter(STATE_EVENTS.toArray(String[]::new))
                .withLabelFilter(filters.toArray(String[]::new))
                .exec(new ResultCallback.Adapter<Event>() {
                    @Override
                    public void onNext(Event event) {
                        if (event.getId() != null) {
                            onContainer.accept(event.getId());
                        }
                    }
                });
    }

    @Override
    public void close() throws IOException {
        statsDocker.close();
        docker.close();
    }

    private static String nonNull(String value, String fallback) {
        return value == null ? fallback : value;
    }

    /** Copies stdout and stderr frames to one stream, flushing each so `kubectl logs -f` sees lines at once. */
    private static final class FrameCollector extends ResultCallback.Adapter<Frame> {
        private final OutputStream out;
        private volatile IOException failure;

        FrameCollector(OutputStream out) {
            this.out = out;
        }

        @Override
        public void onNext(Frame frame) {
            try {
                out.write(frame.getPayload());
                out.flush();
            } catch (IOException e) {
                failure = e;
                try {
                    close();
                } catch (IOException ignored) {
                    // the stream is closing anyway
                }
            }
        }
    }
}
