package io.kubelite.controller.informer;

/**
 * Told about every change an informer applies to its cache, on the informer's own thread, in
 * the order the changes were applied. Handlers should only enqueue keys: a slow handler delays
 * every other handler of the same informer.
 *
 * <p>{@code onUpdate(old, new)} with {@code old == new} (same resourceVersion) is a resync.
 */
public interface EventHandler<T> {

    default void onAdd(T object) {
    }

    default void onUpdate(T oldObject, T newObject) {
    }

    /** The last state the cache knew of the deleted object. */
    default void onDelete(T object) {
    }
}
