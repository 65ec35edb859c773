package io.kubelite.controller.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.core.type.TypeReference;

import java.lang.reflect.Type;
import java.time.Instant;

/**
 * Reads the relay's WatchEvent JSON ({@code {"type":"ADDED","object":{…}}}) straight into the
 * informer's type, in one pass. Every controller decodes every event of the kinds it watches, so
 * this is on the hot path of each service: reading a JSON tree first and converting it to the
 * typed object afterwards built the whole object twice.
 */
public final class WatchEventDecoder<T extends HasMetadata> {

    /** The wire form; {@code object} already of the informer's type. */
    record Envelope<T>(String type, T object) {
    }

    private final KubernetesSerialization serialization;
    private final TypeReference<Envelope<T>> envelope;

    public WatchEventDecoder(Class<T> type, KubernetesSerialization serialization) {
        this.serialization = serialization;
        Type parametric = serialization.constructParametricType(Envelope.class, type);
        this.envelope = new TypeReference<>() {
            @Override
            public Type getType() {
                return parametric;
            }
        };
    }

    /**
     * The event, published at {@code publishedAt}.
     *
     * @throws IllegalArgumentException when the JSON is not a WatchEvent of a known type with an object
     */
    public ChangeEvent<T> decode(String json, Instant publishedAt) {
        Envelope<T> event = serialization.unmarshal(json, envelope);
        if (event == null || event.type() == null || event.object() == null) {
            throw new IllegalArgumentException("not a WatchEvent with a type and an object");
        }
        return new ChangeEvent<>(ChangeEvent.Type.valueOf(event.type()), event.object(), publishedAt);
    }
}
