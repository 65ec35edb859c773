package io.kubelite.objectstore.storage;

/** The object changed (or vanished) between the read a write was computed from and the write itself. */
public class StaleWriteException extends RuntimeException {

    public StaleWriteException(String key) {
        super("object " + key + " was modified concurrently");
    }
}
