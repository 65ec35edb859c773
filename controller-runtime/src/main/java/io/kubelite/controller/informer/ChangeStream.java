package io.kubelite.controller.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.time.Duration;
import java.util.List;

/**
 * A kind's change events after the LIST: the informer {@link #mark marks} the stream's end
 * before it lists, then {@link #seek seeks} back to the mark and {@link #poll polls}, so no
 * change committed after the list began is missed (the ones the list already holds are
 * dropped by resourceVersion). Used by the informer's one thread only, except {@link #wakeup}.
 */
public interface ChangeStream<T extends HasMetadata> extends AutoCloseable {

    /** The current end of the stream, as an opaque position. */
    Position mark();

    void seek(Position position);

    /**
     * Waits up to {@code timeout} for events after the current position.
     *
     * @throws GapException when events after the position are no longer there (retention)
     */
    List<ChangeEvent<T>> poll(Duration timeout) throws GapException;

    /** Makes a blocked {@link #poll} return early; callable from any thread. */
    void wakeup();

    @Override
    void close();

    /** An opaque stream position. */
    interface Position {
    }

    /** The stream lost events the informer has not seen; the informer relists. */
    final class GapException extends Exception {
        public GapException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
