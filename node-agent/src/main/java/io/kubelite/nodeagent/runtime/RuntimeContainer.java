package io.kubelite.nodeagent.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * A container as the runtime last saw it.
 *
 * @param exitCode   meaningful once {@code state} is EXITED
 * @param ipAddress  the container's address on the bridge network; empty for containers that
 *                   share another container's network namespace
 */
public record RuntimeContainer(
        String id,
        String name,
        Map<String, String> labels,
        String image,
        String imageId,
        State state,
        int exitCode,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        boolean oomKilled,
        String ipAddress,
        String error) {

    public enum State { CREATED, RUNNING, EXITED }

    public RuntimeContainer {
        labels = Map.copyOf(labels);
    }

    public String label(String key) {
        return labels.getOrDefault(key, "");
    }

    public boolean running() {
        return state == State.RUNNING;
    }
}
