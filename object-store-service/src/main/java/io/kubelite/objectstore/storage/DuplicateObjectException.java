package io.kubelite.objectstore.storage;

/** A create for a key that is already taken. */
public class DuplicateObjectException extends RuntimeException {

    public DuplicateObjectException(String key) {
        super("object " + key + " already exists");
    }
}
