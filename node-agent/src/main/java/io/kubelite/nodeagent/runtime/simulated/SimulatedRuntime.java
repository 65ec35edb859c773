package io.kubelite.nodeagent.runtime.simulated;

import io.kubelite.nodeagent.runtime.ContainerLabels;
import io.kubelite.nodeagent.runtime.ContainerRuntime;
import io.kubelite.nodeagent.runtime.ContainerSpec;
import io.kubelite.nodeagent.runtime.RuntimeContainer;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Containers that exist only in memory and start at once, so one JVM can host hundreds of nodes
 * for scheduler and controller benchmarks (Kubernetes' kubemark idea). Every image is present,
 * containers run until stopped, exec succeeds, stats are zero. Pod IPs come from 127.1.0.0/16,
 * on loopback: a probe or client that does reach one never leaves the machine.
 */
public final class SimulatedRuntime implements ContainerRuntime {

    private final Map<String, RuntimeContainer> containers = new ConcurrentHashMap<>();
    private final Map<String, ContainerSpec> specs = new ConcurrentHashMap<>();
    private final AtomicInteger nextIp = new AtomicInteger(1);
    private final Clock clock;

    public SimulatedRuntime() {
        this(Clock.systemUTC());
    }

    public SimulatedRuntime(Clock clock) {
        this.clock = clock;
    }

    /** The container's process ends by itself with {@code exitCode} (a crash, or a job finishing). */
    public void exit(String id, int exitCode) {
        containers.computeIfPresent(id, (k, c) -> new RuntimeContainer(c.id(), c.name(), c.labels(), c.image(),
                c.imageId(), RuntimeContainer.State.EXITED, exitCode, c.createdAt(), c.startedAt(), clock.instant(),
                false, c.ipAddress(), ""));
    }

    @Override
    public String version() {
        return "simulated://1.0";
    }

    @Override
    public HostInfo host() {
        return new HostInfo("linux", "kubelite simulated node", "simulated", "amd64", 4, 16L * 1024 * 1024 * 1024);
    }

    /** Docker's own runtime only: a RuntimeClass naming another fails here as on an engine without it. */
    @Override
    public Set<String> runtimeHandlers() {
        return Set.of("runc");
    }

    @Override
    public Optional<String> imageId(String image) {
        return Optional.of("sha256:" + UUID.nameUUIDFromBytes(image.getBytes(StandardCharsets.UTF_8)).toString().replace("-", ""));
    }

    @Override
    public void pull(String image) {
    }

    @Override
    public void loadImage(InputStream dockerArchive) {
    }

    @Override
    public String create(ContainerSpec spec) {
        String id = UUID.randomUUID().toString().replace("-", "");
        String ip = "";
        if (spec.networkMode().equals("bridge")) {
            int n = nextIp.getAndIncrement();
            ip = "127.1." + ((n >> 8) & 0xff) + "." + (n & 0xff);
        }
        containers.put(id, new RuntimeContainer(id, spec.name(), spec.labels(), spec.image(),
                imageId(spec.image()).orElseThrow(), RuntimeContainer.State.CREATED, 0, clock.instant(), Instant.EPOCH,
                Instant.EPOCH, false, ip, ""));
        specs.put(id, spec);
        return id;
    }

    private volatile UsageSample hostSample;

    /** The machine's usage the simulated node reports from now on (none until set). */
    public void hostUsage(UsageSample sample) {
        this.hostSample = sample;
    }

    @Override
    public Optional<UsageSample> hostUsage() {
        return Optional.ofNullable(hostSample);
    }

    /** What the container was created with (null once it is removed). */
    public ContainerSpec spec(String id) {
        return specs.get(id);
    }

    @Override
    public void start(String id) {
        containers.computeIfPresent(id, (k, c) -> with(c, RuntimeContainer.State.RUNNING, clock.instant(), Instant.EPOCH));
    }

    @Override
    public void stop(String id, Duration grace) {
        containers.computeIfPresent(id, (k, c) -> c.running()
                ? with(c, RuntimeContainer.State.EXITED, c.startedAt(), clock.instant()) : c);
    }

    private static RuntimeContainer with(RuntimeContainer c, RuntimeContainer.State state, Instant started, Instant finished) {
        int exitCode = state == RuntimeContainer.State.EXITED ? 137 : 0;
        return new RuntimeContainer(c.id(), c.name(), c.labels(), c.image(), c.imageId(), state, exitCode, c.createdAt(),
                started, finished, false, c.ipAddress(), "");
    }

    @Override
    public void remove(String id) {
        containers.remove(id);
        specs.remove(id);
    }

    @Override
    public List<RuntimeContainer> list(Map<String, String> labels) {
        List<RuntimeContainer> result = new ArrayList<>();
        for (RuntimeContainer c : containers.values()) {
            if (c.labels().entrySet().containsAll(labels.entrySet())) {
                result.add(c);
            }
        }
        return result;
    }

    @Override
    public Optional<RuntimeContainer> inspect(String id) {
        return Optional.ofNullable(containers.get(id));
    }

    @Override
    public ExecResult exec(String id, List<String> command, Duration timeout) {
        return new ExecResult(0, "");
    }

    @Override
    public ExecSession attach(String id, List<String> command, ExecStreams streams) {
        throw new ExecException("simulated containers run no processes; exec needs a node on the Docker runtime");
    }

    @Override
    public ExecSession attachToContainer(String id, ExecStreams streams) {
        throw new ExecException("simulated containers run no processes; attach needs a node on the Docker runtime");
    }

    @Override
    public void logs(String id, LogOptions options, OutputStream out) {
        RuntimeContainer c = containers.get(id);
        if (c == null) {
            return;
        }
        try {
            out.write(("simulated container " + c.label(ContainerLabels.CONTAINER_NAME) + " started at "
                    + c.startedAt() + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<UsageSample> stats(String id) {
        return containers.containsKey(id) ? Optional.of(new UsageSample(clock.instant(), 0, 0)) : Optional.empty();
    }

    @Override
    public Closeable watch(Map<String, String> labels, Consumer<String> onContainer) {
        return () -> {
        };
    }

    @Override
    public void close() {
    }
}
