package io.kubelite.nodeagent.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubelite.nodeagent.runtime.ContainerLabels;
import io.kubelite.nodeagent.runtime.ContainerRuntime;
import io.kubelite.nodeagent.runtime.ContainerSpec;
import io.kubelite.nodeagent.runtime.RuntimeContainer;
import io.kubelite.nodeagent.volume.VolumeMounts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a container says when it ends, as the kubelet collects it: each container attempt gets a
 * file of its own on the host, bound at its {@code terminationMessagePath} (default
 * {@code /dev/termination-log}); once it has exited, the file's first 4096 bytes become
 * {@code state.terminated.message} — or, with {@code terminationMessagePolicy:
 * FallbackToLogsOnError}, when the file is empty and the container failed, the last 80 lines of its
 * log (at most 2048 bytes). Example: a Job's container that runs {@code echo "disk full" >
 * /dev/termination-log; exit 1} is shown by {@code kubectl describe} with {@code Message: disk full}.
 */
final class TerminationMessages {

    static final String DEFAULT_PATH = "/dev/termination-log";
    static final int MAX_BYTES = 4096;
    static final int MAX_LOG_LINES = 80;
    static final int MAX_LOG_BYTES = 2048;

    private final Path stateDir;
    private final ContainerRuntime runtime;
    /** A finished container's message never changes: read once, by container id. */
    private final Map<String, String> read = new ConcurrentHashMap<>();

    TerminationMessages(Path stateDir, ContainerRuntime runtime) {
        this.stateDir = stateDir;
        this.runtime = runtime;
    }

    /** The host file of one container attempt: {@code pods/<uid>/containers/<name>/<attempt>}. */
    private Path file(String podUid, String container, int attempt) {
        return VolumeMounts.podDir(stateDir, podUid).resolve("containers").resolve(container).resolve(Integer.toString(attempt));
    }

    /** Creates the attempt's empty, world-writable file and the mount that binds it at the container's path. */
    ContainerSpec.Mount prepare(String podUid, Container container, int attempt) {
        Path file = file(podUid, container.getName(), attempt);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, new byte[0]);
            file.toFile().setWritable(true, false);
        } catch (IOException e) {
            throw new ContainerConfigException("cannot create the termination message file " + file + ": " + e.getMessage());
        }
        String path = container.getTerminationMessagePath() == null || container.getTerminationMessagePath().isEmpty()
                ? DEFAULT_PATH : container.getTerminationMessagePath();
        return new ContainerSpec.Mount(file.toString(), path, false);
    }

    /** Sets the message of every terminated state in {@code status} whose container left one. */
    void fill(PodStatus status, List<Container> specs, List<RuntimeContainer> containers) {
        for (List<ContainerStatus> statuses : List.of(nullToEmpty(status.getContainerStatuses()),
                nullToEmpty(status.getInitContainerStatuses()))) {
            for (ContainerStatus s : statuses) {
                Container spec = specs.stream().filter(c -> c.getName().equals(s.getName())).findFirst().orElse(null);
                fill(s.getState(), spec, containers);
                fill(s.getLastState(), spec, containers);
            }
        }
    }

    private void fill(ContainerState state, Container spec, List<RuntimeContainer> containers) {
        if (state == null || state.getTerminated() == null || state.getTerminated().getContainerID() == null || spec == null) {
            return;
        }
        String id = state.getTerminated().getContainerID().replaceFirst("^docker://", "");
        if (read.containsKey(id)) {
            String known = read.get(id);
            if (!known.isEmpty()) {
                state.getTerminated().setMessage(known);
            }
            return;
        }
        RuntimeContainer listed = containers.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
        // listed before this sync started or stopped it: ask the runtime how it is now
        RuntimeContainer exited = listed != null && listed.state() == RuntimeContainer.State.EXITED ? listed
                : runtime.inspect(id).orElse(null);
        if (exited == null || exited.state() != RuntimeContainer.State.EXITED) {
            return;
        }
        String message = read.computeIfAbsent(id, k -> message(spec, exited));
        if (!message.isEmpty()) {
            state.getTerminated().setMessage(message);
        }
    }

    private String message(Container spec, RuntimeContainer container) {
        Path file = file(container.label(ContainerLabels.POD_UID), spec.getName(), PodSync.restartCount(container));
        String message = "";
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                message = new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
            } catch (IOException e) {
                message = "";
            }
        }
        if (message.isEmpty() && container.exitCode() != 0 && "FallbackToLogsOnError".equals(spec.getTerminationMessagePolicy())) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            try {
                runtime.logs(container.id(), new ContainerRuntime.LogOptions(false, MAX_LOG_LINES, false, null), log);
            } catch (RuntimeException e) {
                return "";
            }
            byte[] bytes = log.toByteArray();
            int from = Math.max(0, bytes.length - MAX_LOG_BYTES);
            message = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
        }
        return message;
    }

    /** Forgets what was read for containers that are gone. */
    void forget(String containerId) {
        read.remove(containerId);
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
