package io.kubelite.controller.events;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Records core/v1 Events about objects, as {@code kubectl describe} and {@code kubectl get
 * events} show them. Recording never blocks and never fails the caller.
 */
public interface EventRecorder {

    String NORMAL = "Normal";
    String WARNING = "Warning";

    void event(HasMetadata object, String type, String reason, String message);

    default void normal(HasMetadata object, String reason, String message) {
        event(object, NORMAL, reason, message);
    }

    default void warning(HasMetadata object, String reason, String message) {
        event(object, WARNING, reason, message);
    }
}
