package io.kubelite.controller.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.time.Instant;
import java.util.Objects;

/**
 * One change read from a kind's stream: {@code ADDED}, {@code MODIFIED} or {@code DELETED}
 * with the object as it was after the change (for DELETED, as it was when deleted), and when
 * the change reached the stream (for the informer's lag).
 */
public record ChangeEvent<T extends HasMetadata>(Type type, T object, Instant publishedAt) {

    public enum Type { ADDED, MODIFIED, DELETED }

    public ChangeEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(publishedAt, "publishedAt");
    }

    long resourceVersion() {
        return ResourceVersions.of(object);
    }
}
