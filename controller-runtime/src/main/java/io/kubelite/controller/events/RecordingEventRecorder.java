package io.kubelite.controller.events;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.List;

/** Keeps every event in memory, for unit tests of code that records events. */
public final class RecordingEventRecorder implements EventRecorder {

    /** One recorded event; {@code object} is {@code namespace/name} or {@code name}. */
    public record Recorded(String kind, String object, String type, String reason, String message) {
    }

    private final List<Recorded> events = new ArrayList<>();

    @Override
    public synchronized void event(HasMetadata object, String type, String reason, String message) {
        String ns = object.getMetadata().getNamespace();
        String name = object.getMetadata().getName();
        events.add(new Recorded(object.getKind(), ns == null || ns.isEmpty() ? name : ns + "/" + name, type, reason,
                message));
    }

    public synchronized List<Recorded> events() {
        return new ArrayList<>(events);
    }

    /** The reasons recorded so far, in order. */
    public synchronized List<String> reasons() {
        return events.stream().map(Recorded::reason).toList();
    }
}
