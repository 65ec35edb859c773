package io.kubelite.nodeagent.runtime;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The node's container engine, narrowed to what the pod workers need. Two implementations:
 * Docker ({@code kubelite.node.runtime=docker}) and an in-memory simulation for benchmarks that
 * host hundreds of nodes ({@code simulated}).
 */
public interface ContainerRuntime extends Closeable {

    /** "docker://27.5.1" — Node status.nodeInfo.containerRuntimeVersion. */
    String version();

    HostInfo host();

    /**
     * The names of the engine's runtimes ({@code docker info}: {@code runc},
     * {@code io.containerd.runc.v2}, and any configured in daemon.json), which a RuntimeClass's
     * handler must name for its pods to run here.
     */
    Set<String> runtimeHandlers();

    /** The image's id ("sha256:…") if the image is present locally. */
    Optional<String> imageId(String image);

    /** The USER an image runs as ({@code ""}: root), for runAsNonRoot; empty when the image is not here. */
    default Optional<String> imageUser(String image) {
        return imageId(image).map(id -> "");
    }

    /** Pulls the image; throws {@link RuntimeException} with the engine's message when it cannot. */
    void pull(String image);

    /** Loads an image from a docker-archive tar (docker load). */
    void loadImage(InputStream dockerArchive);

    /** Creates the container and returns its id. */
    String create(ContainerSpec spec);

    void start(String id);

    /** SIGTERM, then SIGKILL after {@code grace} (docker stop -t). */
    void stop(String id, Duration grace);

    void remove(String id);

    /** Every container (running or not) carrying all of these labels. */
    List<RuntimeContainer> list(Map<String, String> labels);

    Optional<RuntimeContainer> inspect(String id);

    ExecResult exec(String id, List<String> command, Duration timeout);

    /**
     * Starts {@code command} in the running container with the streams a user attached
     * ({@code kubectl exec -i -t}); output flows once {@link ExecSession#run()} is called.
     * Throws {@link ExecException} when the command cannot be started (container gone or stopped,
     * no such executable is only known once it runs: that ends with exit code 126 or 127).
     */
    ExecSession attach(String id, List<String> command, ExecStreams streams);

    /**
     * Attaches the user's streams to the running container's own process ({@code kubectl attach},
     * {@code kubectl run -i}): its stdin (when the container keeps it open) and its output from now
     * on. {@link ExecSession#run()} returns when the process ends or the session is closed.
     * Throws {@link ExecException} when the container is gone or stopped.
     */
    ExecSession attachToContainer(String id, ExecStreams streams);

    /** Writes the container's log to {@code out}; with {@code follow} returns when the container ends or out fails. */
    void logs(String id, LogOptions options, OutputStream out);

    /** One cumulative CPU/memory sample, empty if the container is gone. */
    Optional<UsageSample> stats(String id);

    /** Calls {@code onContainer} with the id of each container (carrying these labels) that changes state. */
    Closeable watch(Map<String, String> labels, Consumer<String> onContainer);

    record HostInfo(String operatingSystem, String osImage, String kernelVersion, String architecture,
            int cpus, long memoryBytes) {
    }

    record ExecResult(int exitCode, String output) {
    }

    /**
     * What the user attached: stdin when {@code stdin}, output to {@code stdout} and
     * {@code stderr} (null: not attached). With {@code tty} the command's stderr arrives on stdout,
     * as on a terminal.
     */
    record ExecStreams(boolean stdin, OutputStream stdout, OutputStream stderr, boolean tty) {
    }

    /** A command running in a container, attached to the user's streams. */
    interface ExecSession extends Closeable {

        /** Passes bytes to the command's stdin. */
        void write(byte[] data, int offset, int length) throws IOException;

        /** Ends the command's stdin: it reads end of file. */
        void closeStdin() throws IOException;

        void resize(int width, int height);

        /** Copies the command's output to the streams until it ends, then returns its exit code. */
        int run() throws IOException;

        /** Detaches; the command keeps running only if it ignores a closed stdin and output. */
        @Override
        void close();
    }

    /** A command could not be started; the message says why, in the engine's words. */
    final class ExecException extends RuntimeException {
        public ExecException(String message) {
            super(message);
        }
    }

    record LogOptions(boolean follow, Integer tailLines, boolean timestamps, Integer sinceSeconds) {
    }

    /**
     * @param cpuNanos     cumulative CPU time used by the container
     * @param memoryWorkingSetBytes usage minus inactive file cache, as the kubelet reports it
     */
    /** The whole machine's usage ({@code kubectl top node}); none where there is no machine of its own (simulated). */
    default Optional<UsageSample> hostUsage() {
        return Optional.empty();
    }

    record UsageSample(java.time.Instant timestamp, long cpuNanos, long memoryWorkingSetBytes) {
    }
}
